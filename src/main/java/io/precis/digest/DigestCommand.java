package io.precis.digest;

import io.precis.glossary.GlossaryChoice;
import io.precis.article.Language;
import io.precis.article.Submission;
import io.precis.task.Caller;
import io.precis.task.SummaryLength;

/**
 * A validated request for a digest.
 *
 * @param caller          who asks
 * @param submission      the article as submitted: text or a page, and its title
 * @param summaryLanguage the summary's language
 * @param targetLanguage  the translation's language
 * @param summaryLength   the summary's length
 * @param translate       whether to translate
 * @param glossary        the glossary asked for; {@link GlossaryChoice#NONE} for none
 */
public record DigestCommand(Caller caller, Submission submission, Language summaryLanguage, Language targetLanguage,
        SummaryLength summaryLength, boolean translate, GlossaryChoice glossary) {
}
