package io.precis.api;

import io.precis.glossary.GlossaryChoice;
import java.util.List;
import io.precis.article.Language;
import io.precis.article.Submission;
import io.precis.digest.DigestCommand;
import io.precis.task.Caller;
import io.precis.task.SummaryLength;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request for a digest of one article.
 *
 * @param text            the article: plain text or text scraped off a page
 * @param html            the page the article is in, instead of text
 * @param title           the article's title, given to the model as context
 * @param summaryLanguage the summary's language, default en
 * @param targetLanguage  the translation's language, default en
 * @param summaryLength   the summary's length, default medium
 * @param translate       whether to translate the article too, default true
 * @param glossaryId      a named glossary, or null
 * @param glossary        the request's own glossary entries, or null
 * @param doNotTranslate  terms to keep as written, or null
 * @param callbackUrl     where to post the job's document when it ends, with Prefer: respond-async
 */
@Schema(name = "DigestRequest", description = "A French (or English) news article to summarize and translate.",
        example = ApiExamples.DIGEST_FR)
public record DigestRequest(
        @Schema(description = "The article: plain text, or text scraped off a page (page furniture"
                + " such as share buttons and 'most read' lists is removed).",
                example = "Le président russe Vladimir Poutine et le président américain Donald Trump se sont"
                        + " retrouvés ce vendredi à Anchorage, en Alaska, pour un nouvel échange bilatéral.")
        String text,
        @Schema(description = "The page the article is in, as HTML, instead of text: the article is extracted from"
                + " it (navigation, share bars, comments, related links and ads dropped) with its title and"
                + " metadata, returned in 'article'.", example = "<html lang=\"fr\"><head><title>...</title></head>"
                + "<body>...</body></html>")
        String html,
        @Schema(description = "The article's title, given to the model as context. For a page, its own title is used"
                + " when this is absent.",
                example = "Poutine et Trump se retrouvent à Anchorage")
        String title,
        @Schema(description = "Language of the summary.", defaultValue = "en", enumeration = {"en", "fr"})
        Language summaryLanguage,
        @Schema(description = "Language of the translation.", defaultValue = "en", enumeration = {"en", "fr"})
        Language targetLanguage,
        @Schema(description = "Length of the summary: short (one sentence), medium (three to five sentences), long"
                + " (one paragraph of six to ten sentences).", defaultValue = "medium",
                enumeration = {"short", "medium", "long"})
        SummaryLength summaryLength,
        @Schema(description = "Whether to translate the whole article as well.", defaultValue = "true")
        Boolean translate,
        @Schema(description = GlossaryOptions.GLOSSARY_ID, example = "newsroom") String glossaryId,
        @Schema(description = GlossaryOptions.GLOSSARY) List<GlossaryOptions.Entry> glossary,
        @Schema(description = GlossaryOptions.DO_NOT_TRANSLATE, example = "[\"Le Monde\", \"Élysée\"]")
        List<String> doNotTranslate,
        @Schema(description = JobOrders.CALLBACK_DESCRIPTION, format = "uri", nullable = true)
        String callbackUrl) {

    /** The command this request asks for, for this caller, defaults applied. */
    DigestCommand toCommand(Caller caller) {
        return new DigestCommand(caller, Submission.of(text, html, title),
                summaryLanguage == null ? Language.EN : summaryLanguage,
                targetLanguage == null ? Language.EN : targetLanguage,
                summaryLength == null ? SummaryLength.MEDIUM : summaryLength,
                translate == null || translate, glossaryChoice());
    }

    /** The glossary it asks for. */
    GlossaryChoice glossaryChoice() {
        return GlossaryOptions.choice(glossaryId, glossary, doNotTranslate);
    }
}
