package io.precis.api;

import io.precis.article.Language;
import io.precis.article.Submission;
import io.precis.digest.DigestService.Asked;
import io.precis.glossary.GlossaryChoice;
import io.precis.task.SummaryLength;
import java.util.List;

/**
 * A request run as a job, in the form the job stores and any replica reads back: the article (a text or a page body
 * already decoded, so that it is read exactly as the synchronous call reads it) and the options, or a batch's items.
 *
 * @param kind            the endpoint it was sent to
 * @param text            the article as text, or null
 * @param html            the article's page, or null
 * @param title           the title the client gave, or null
 * @param summaryLanguage the summary's language, or null when no summary is asked for
 * @param summaryLength   the summary's length, or null
 * @param targetLanguage  the translation's language, or null when no translation is asked for
 * @param items           a batch's items, or null
 * @param glossary        the glossary asked for, or null (orders stored before glossaries had none)
 * @param fragment        an HTML fragment to translate with its markup, or null
 */
record JobOrder(Kind kind, String text, String html, String title, Language summaryLanguage,
        SummaryLength summaryLength, Language targetLanguage, List<DigestRequest> items, GlossaryChoice glossary,
        String fragment) {

    /** The endpoint a job stands for, which decides the form of its result. */
    enum Kind {
        DIGEST, SUMMARY, TRANSLATION, BATCH
    }

    /** An order for one article. */
    static JobOrder of(Kind kind, Submission submission, Asked asked) {
        Submission decoded = submission;
        if (submission instanceof Submission.TextBytes bytes) {
            decoded = bytes.decoded();
        } else if (submission instanceof Submission.PageBytes bytes) {
            decoded = bytes.decoded();
        }
        String text = decoded instanceof Submission.Text plain ? plain.text() : null;
        String html = decoded instanceof Submission.Page page ? page.html() : null;
        String fragment = decoded instanceof Submission.Markup markup ? markup.html() : null;
        return new JobOrder(kind, text, html, decoded.title(), asked.summaryLanguage(), asked.length(),
                asked.target(), null, asked.glossary(), fragment);
    }

    /** An order for a batch. */
    static JobOrder batch(List<DigestRequest> items) {
        return new JobOrder(Kind.BATCH, null, null, null, null, null, null, items, null, null);
    }

    /** The article, as the synchronous call would have it. */
    Submission submission() {
        if (fragment != null) {
            return new Submission.Markup(fragment, title);
        }
        return html != null ? new Submission.Page(html, title) : new Submission.Text(text, title);
    }

    /** What is asked for the article. */
    Asked asked() {
        return new Asked(summaryLanguage, summaryLength, targetLanguage, glossary);
    }
}
