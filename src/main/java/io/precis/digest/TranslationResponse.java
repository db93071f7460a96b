package io.precis.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.precis.llm.ModelRef;
import io.precis.llm.TokenUsage;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A translation with what produced it; the same fields as a digest, without the summary.
 *
 * @param articleHash    SHA-256 of the normalized article text
 * @param sourceLanguage the article's detected language
 * @param article        what the page said about the article, when it was sent as a page
 * @param translation    the translation
 * @param model          the provider and model
 * @param promptVersion  the version of the prompts in use
 * @param cached         whether it came from the cache
 * @param createdAt      when it was written
 * @param usage          tokens it cost, where the provider reports them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TranslationResponse", description = "A translation of an article.",
        example = ApiExamples.TRANSLATION_RESPONSE)
public record TranslationResponse(
        @Schema(description = "SHA-256 (hex) of the normalized article text.",
                example = "467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d") String articleHash,
        @Schema(description = "Detected language of the article.", example = "fr") String sourceLanguage,
        ArticleView article,
        TranslationView translation,
        ModelRef model,
        @Schema(description = "Hash of the prompt templates in use.", example = "1c9e4b2a7f30") String promptVersion,
        @Schema(description = "True when the translation came from the cache without calling the model.")
        boolean cached,
        @Schema(description = "When the translation was written.",
                example = "2026-11-21T09:30:00Z") Instant createdAt,
        TokenUsage usage) {

    static TranslationResponse of(Digest digest) {
        return new TranslationResponse(digest.articleHash(), digest.sourceLanguage().code(), ArticleView.of(digest),
                TranslationView.of(digest.translation()), digest.model(), digest.promptVersion(), digest.cached(),
                digest.createdAt(), digest.usage());
    }
}
