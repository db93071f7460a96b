package io.precis.digest;

import io.precis.article.Language;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request for a translation only.
 *
 * @param text           the article
 * @param title          its title, or null
 * @param targetLanguage the translation's language, default en
 */
@Schema(name = "TranslationRequest", description = "An article to translate.",
        example = ApiExamples.TRANSLATION_EN)
public record TranslationRequest(
        @Schema(required = true, description = "The article: plain text, or text scraped off a page.",
                maxLength = 100_000) String text,
        @Schema(description = "The article's title, given to the model as context.") String title,
        @Schema(description = "Language of the translation.", defaultValue = "en", enumeration = {"en", "fr"})
        Language targetLanguage) {
}
