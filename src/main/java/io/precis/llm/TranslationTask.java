package io.precis.llm;

import io.precis.article.Article;
import io.precis.article.Language;

/**
 * A full translation to write.
 *
 * @param article the normalized article
 * @param title   the article's title, or null
 * @param source  the article's language
 * @param target  the language to translate into, other than the source
 */
public record TranslationTask(Article article, String title, Language source, Language target) {
}
