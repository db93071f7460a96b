package io.precis.task;

import io.precis.article.Article;
import io.precis.article.Language;
import java.util.Objects;

/**
 * A summary to write.
 *
 * @param article  the normalized article
 * @param title    the article's title, or null (a blank one is none)
 * @param source   the article's language
 * @param language the language of the summary
 * @param length   how long the summary should be
 * @param glossary how to render terms of the article; {@link Glossary#NONE} for none
 * @param author   who writes it, and how
 */
public record SummaryTask(Article article, String title, Language source, Language language, SummaryLength length,
        Glossary glossary, Author author) implements Task {

    /** A summary without a glossary. */
    public SummaryTask(Article article, String title, Language source, Language language, SummaryLength length,
            Author author) {
        this(article, title, source, language, length, Glossary.NONE, author);
    }

    public SummaryTask {
        Objects.requireNonNull(article, "article");
        // The prompts leave out a blank title as they leave out none: one task, one key.
        title = title == null || title.isBlank() ? null : title;
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(glossary, "glossary");
        Objects.requireNonNull(author, "author");
    }

    @Override
    public SummaryTask withArticle(Article other) {
        return new SummaryTask(other, title, source, language, length, glossary, author);
    }

    /** The same summary at another length. */
    public SummaryTask withLength(SummaryLength other) {
        return new SummaryTask(article, title, source, language, other, glossary, author);
    }
}
