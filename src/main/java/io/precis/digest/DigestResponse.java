package io.precis.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.precis.llm.ModelRef;
import io.precis.llm.TokenUsage;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A digest: summary, translation, and what produced them.
 *
 * @param articleHash    SHA-256 of the normalized article text
 * @param sourceLanguage the article's detected language
 * @param article        what the page said about the article, when it was sent as a page
 * @param summary        the summary; absent when only a translation is stored
 * @param translation    the translation; absent when not asked for
 * @param model          the provider and model
 * @param promptVersion  the version of the prompts in use
 * @param cached         whether the answer came from the cache without calling the model
 * @param createdAt      when the newest part was written
 * @param usage          tokens the parts cost when they were written, where the provider reports them
 * @param degraded       whether the summary is the extractive stand-in for an unavailable model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "DigestResponse", description = "A summary and translation of an article.",
        example = ApiExamples.DIGEST_EN_RESPONSE)
public record DigestResponse(
        @Schema(description = "SHA-256 (hex) of the normalized article text; use it with GET /api/v1/digests/{hash}.",
                example = "3f9a0c5e1b7d2a4c6e8f0a1b3c5d7e9f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c1d") String articleHash,
        @Schema(description = "Detected language of the article.", example = "fr") String sourceLanguage,
        ArticleView article,
        SummaryView summary,
        TranslationView translation,
        ModelRef model,
        @Schema(description = "Hash of the prompt templates in use (for the extractive provider, its algorithm"
                + " version).", example = "1c9e4b2a7f30") String promptVersion,
        @Schema(description = "True when the answer came from the cache without calling the model.") boolean cached,
        @Schema(description = "When the newest part was written.",
                example = "2026-11-21T09:30:00Z") Instant createdAt,
        TokenUsage usage,
        @Schema(description = "True when the language model was unavailable and the summary was written by the"
                + " extractive fallback instead; such answers are never cached.") boolean degraded) {

    static DigestResponse of(Digest digest) {
        return new DigestResponse(digest.articleHash(), digest.sourceLanguage().code(), ArticleView.of(digest),
                SummaryView.of(digest.summary()), TranslationView.of(digest.translation()), digest.model(),
                digest.promptVersion(), digest.cached(), digest.createdAt(), digest.usage(), digest.degraded());
    }
}
