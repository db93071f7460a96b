package io.precis.digest;

import io.precis.article.Language;
import io.precis.llm.SummaryLength;

/**
 * A validated request for a digest.
 *
 * @param text            the article as submitted
 * @param title           its title, or null
 * @param summaryLanguage the summary's language
 * @param targetLanguage  the translation's language
 * @param summaryLength   the summary's length
 * @param translate       whether to translate
 */
public record DigestCommand(String text, String title, Language summaryLanguage, Language targetLanguage,
        SummaryLength summaryLength, boolean translate) {
}
