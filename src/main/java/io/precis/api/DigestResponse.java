package io.precis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.precis.digest.Digest;
import io.precis.digest.Part;
import io.precis.llm.ModelRef;
import io.precis.task.TokenUsage;
import io.precis.task.Warning;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the digest, summary and translation endpoints answer: the parts asked for, and what produced them.
 *
 * @param articleHash    SHA-256 of the normalized article text
 * @param sourceLanguage the article's detected language
 * @param article        what the page said about the article, when it was sent as a page
 * @param summary        the summary, when one was asked for (or, for a stored digest, is stored)
 * @param translation    the translation, when one was asked for (or is stored)
 * @param model          the provider and model
 * @param promptVersion  the version of the prompts in use
 * @param cached         whether the answer came from the cache without calling the model
 * @param createdAt      when the newest part was written
 * @param usage          tokens the parts cost when they were written, where the provider reports them
 * @param degraded       whether the summary is the extractive stand-in for an unavailable model; absent from
 *                       translations
 * @param degradedReason why the model did not write the summary, when it is the stand-in
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "DigestResponse", description = "A summary and/or translation of an article, as asked for, and what"
        + " wrote them.", example = ApiExamples.DIGEST_EN_RESPONSE)
public record DigestResponse(
        @Schema(description = "SHA-256 (hex) of the normalized article text; use it with GET /api/v1/digests/{hash}.",
                example = "3f9a0c5e1b7d2a4c6e8f0a1b3c5d7e9f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c1d") String articleHash,
        @Schema(description = "Detected language of the article.", example = "fr") String sourceLanguage,
        ArticleView article,
        Summary summary,
        Translation translation,
        ModelRef model,
        @Schema(description = "Hash of the prompt templates in use (for the extractive provider, its algorithm"
                + " version).", example = "1c9e4b2a7f30") String promptVersion,
        @Schema(description = "True when the answer came from the cache without calling the model.") boolean cached,
        @Schema(description = "When the newest part was written.",
                example = "2026-11-21T09:30:00Z") Instant createdAt,
        TokenUsage usage,
        @Schema(description = "True when the language model was unavailable and the summary was written by the"
                + " extractive fallback instead; such answers are never cached. 'model' then names the extractive"
                + " summarizer, which wrote it. Absent from translations.")
        Boolean degraded,
        @Schema(description = "Why the language model did not write the summary, when 'degraded' is true.",
                example = "The language model (local, qwen2.5-1.5b-instruct-q4_k_m) is not loaded: the download"
                        + " failed.")
        String degradedReason) {

    /** How the API describes a part's warnings. */
    private static final String WARNINGS = "What the output checks found wrong in the text and one corrective turn"
            + " did not fix: numbers or names that are not in the article, paragraphs or quotations left out or left"
            + " untranslated, a length not kept. Absent when every check passed. With OUTPUT_CHECKS=strict such a"
            + " text is refused with a 502 instead.";

    /** The answer to a digest or summary request. */
    static DigestResponse of(Digest digest) {
        return of(digest, digest.degraded());
    }

    /** The answer to a translation request, which has no summary to be degraded. */
    static DigestResponse ofTranslation(Digest digest) {
        return of(digest, null);
    }

    private static DigestResponse of(Digest digest, Boolean degraded) {
        return new DigestResponse(digest.articleHash(), digest.sourceLanguage().code(), ArticleView.of(digest),
                Summary.of(digest.summary()), Translation.of(digest.translation()), digest.model(),
                digest.promptVersion(), digest.cached(), digest.createdAt(), digest.usage(), degraded,
                degraded == null ? null : digest.degradedReason());
    }

    /**
     * A summary in a response.
     *
     * @param language its language
     * @param text     the summary
     * @param length   the length that was asked for
     * @param warnings what the output checks found in it; absent when nothing
     */
    @Schema(name = "Summary", description = "A summary of the article.", example = """
            {"language": "en", "length": "short", "text": "Vladimir Putin and Donald Trump met in Anchorage."}""")
    public record Summary(
            @Schema(description = "Language of the summary.", example = "en") String language,
            @Schema(description = "The summary.", example = "Vladimir Putin and Donald Trump met in Anchorage, Alaska,"
                    + " for talks behind closed doors.") String text,
            @Schema(description = "The length asked for.", example = "medium") String length,
            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            @Schema(description = WARNINGS) List<Warning> warnings) {

        static Summary of(Part part) {
            return part == null ? null : new Summary(part.language().code(), part.text(), part.length().code(),
                    part.warnings());
        }
    }

    /**
     * A translation in a response.
     *
     * @param language its language
     * @param text     the translation, paragraphs separated by a blank line
     * @param warnings what the output checks found in it; absent when nothing
     */
    @Schema(name = "Translation", description = "A full translation of the article.", example = """
            {"language": "en", "text": "Russian President Vladimir Putin and US President Donald Trump met."}""")
    public record Translation(
            @Schema(description = "Language of the translation.", example = "en") String language,
            @Schema(description = "The translation, paragraphs separated by a blank line.",
                    example = "Russian President Vladimir Putin and US President Donald Trump met on Friday in"
                            + " Anchorage, Alaska, for a new bilateral exchange.") String text,
            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            @Schema(description = WARNINGS) List<Warning> warnings) {

        static Translation of(Part part) {
            return part == null ? null : new Translation(part.language().code(), part.text(), part.warnings());
        }
    }
}
