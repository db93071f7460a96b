package io.precis.llm;

import io.precis.article.Article;
import io.precis.article.Language;

/**
 * A summary to write.
 *
 * @param article  the normalized article
 * @param title    the article's title, or null
 * @param source   the article's language
 * @param language the language of the summary
 * @param length   how long the summary should be
 */
public record SummaryTask(Article article, String title, Language source, Language language, SummaryLength length) {
}
