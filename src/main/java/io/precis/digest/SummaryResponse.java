package io.precis.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.precis.llm.ModelRef;
import io.precis.llm.TokenUsage;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A summary with what produced it; the same fields as a digest, without the translation.
 *
 * @param articleHash    SHA-256 of the normalized article text
 * @param sourceLanguage the article's detected language
 * @param article        what the page said about the article, when it was sent as a page
 * @param summary        the summary
 * @param model          the provider and model
 * @param promptVersion  the version of the prompts in use
 * @param cached         whether it came from the cache
 * @param createdAt      when it was written
 * @param usage          tokens it cost, where the provider reports them
 * @param degraded       whether the summary is the extractive stand-in for an unavailable model
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SummaryResponse", description = "A summary of an article.",
        example = ApiExamples.SUMMARY_RESPONSE)
public record SummaryResponse(
        @Schema(description = "SHA-256 (hex) of the normalized article text.",
                example = "467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d") String articleHash,
        @Schema(description = "Detected language of the article.", example = "fr") String sourceLanguage,
        ArticleView article,
        SummaryView summary,
        ModelRef model,
        @Schema(description = "Hash of the prompt templates in use.", example = "1c9e4b2a7f30") String promptVersion,
        @Schema(description = "True when the summary came from the cache without calling the model.")
        boolean cached,
        @Schema(description = "When the summary was written.",
                example = "2026-11-21T09:30:00Z") Instant createdAt,
        TokenUsage usage,
        @Schema(description = "True when the language model was unavailable and the summary was written by the"
                + " extractive fallback instead; such answers are never cached.") boolean degraded) {

    static SummaryResponse of(Digest digest) {
        return new SummaryResponse(digest.articleHash(), digest.sourceLanguage().code(), ArticleView.of(digest),
                SummaryView.of(digest.summary()), digest.model(), digest.promptVersion(), digest.cached(),
                digest.createdAt(), digest.usage(), digest.degraded());
    }
}
