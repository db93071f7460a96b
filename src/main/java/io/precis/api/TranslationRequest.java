package io.precis.api;

import io.precis.article.Language;
import io.precis.article.Submission;
import io.precis.core.ServiceException;
import io.precis.glossary.GlossaryChoice;
import io.precis.task.TextFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request for a translation only.
 *
 * @param text           the article
 * @param html           the page the article is in, instead of text
 * @param title          its title, or null
 * @param targetLanguage the translation's language, default en
 * @param glossaryId     a named glossary, or null
 * @param glossary       the request's own glossary entries, or null
 * @param doNotTranslate terms to keep as written, or null
 * @param format         text (default), or html: {@code text} is an HTML fragment, translated with its markup
 * @param callbackUrl    where to post the job's document when it ends, with Prefer: respond-async
 */
@Schema(name = "TranslationRequest", description = "An article to translate.",
        example = ApiExamples.TRANSLATION_EN)
public record TranslationRequest(
        @Schema(description = "The article: plain text, or text scraped off a page.") String text,
        @Schema(description = "The page the article is in, as HTML, instead of text.") String html,
        @Schema(description = "The article's title, given to the model as context.") String title,
        @Schema(description = "Language of the translation.", defaultValue = "en", enumeration = {"en", "fr"})
        Language targetLanguage,
        @Schema(description = GlossaryOptions.GLOSSARY_ID, example = "newsroom") String glossaryId,
        @Schema(description = GlossaryOptions.GLOSSARY) List<GlossaryOptions.Entry> glossary,
        @Schema(description = GlossaryOptions.DO_NOT_TRANSLATE, example = "[\"Le Monde\", \"Élysée\"]")
        List<String> doNotTranslate,
        @Schema(description = "html: 'text' is an HTML fragment (a CMS body); the translation comes back as the same"
                + " fragment, its text and alt and title attributes translated, its tags, attributes and links kept."
                + " Not for /translations/stream.", defaultValue = "text") TextFormat format,
        @Schema(description = JobOrders.CALLBACK_DESCRIPTION, format = "uri", nullable = true)
        String callbackUrl) {

    /** The glossary it asks for. */
    GlossaryChoice glossaryChoice() {
        return GlossaryOptions.choice(glossaryId, glossary, doNotTranslate);
    }

    /** The article as submitted, as text or as a page. */
    Submission submission() {
        if (format == TextFormat.HTML) {
            if (html != null) {
                throw ServiceException.invalidField("html", "cannot be sent with format html: send the fragment to"
                        + " translate as text (html is a page to find an article in)");
            }
            if (text == null) {
                throw ServiceException.invalidField("text", "is required: the HTML fragment to translate");
            }
            return new Submission.Markup(text, title);
        }
        return Submission.of(text, html, title);
    }
}
