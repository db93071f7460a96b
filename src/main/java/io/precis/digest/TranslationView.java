package io.precis.digest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A translation in a response.
 *
 * @param language its language
 * @param text     the translation, paragraphs separated by a blank line
 */
@Schema(name = "Translation", description = "A full translation of the article.", example = """
        {"language": "en", "text": "Russian President Vladimir Putin and US President Donald Trump met on Friday."}""")
public record TranslationView(
        @Schema(description = "Language of the translation.", example = "en") String language,
        @Schema(description = "The translation, paragraphs separated by a blank line.",
                example = "Russian President Vladimir Putin and US President Donald Trump met on Friday in"
                        + " Anchorage, Alaska, for a new bilateral exchange.") String text) {

    static TranslationView of(Part part) {
        return part == null ? null : new TranslationView(part.language().code(), part.text());
    }
}
