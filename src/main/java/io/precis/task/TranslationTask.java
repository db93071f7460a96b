package io.precis.task;

import io.precis.article.Article;
import io.precis.article.Language;
import java.util.Objects;

/**
 * A full translation to write, into a language other than the article's.
 *
 * @param article the normalized article
 * @param title   the article's title, or null (a blank one is none)
 * @param source  the article's language
 * @param target   the language to translate into
 * @param format   the form of the article's text: plain text, or an HTML fragment's marked text
 * @param glossary how to render terms of the article; {@link Glossary#NONE} for none
 * @param author   who writes it, and how
 */
public record TranslationTask(Article article, String title, Language source, Language target, TextFormat format,
        Glossary glossary, Author author) implements Task {

    /** A translation of plain text. */
    public TranslationTask(Article article, String title, Language source, Language target, Glossary glossary,
            Author author) {
        this(article, title, source, target, TextFormat.TEXT, glossary, author);
    }

    /** A translation of plain text without a glossary. */
    public TranslationTask(Article article, String title, Language source, Language target, Author author) {
        this(article, title, source, target, TextFormat.TEXT, Glossary.NONE, author);
    }

    public TranslationTask {
        Objects.requireNonNull(article, "article");
        // The prompts leave out a blank title as they leave out none: one task, one key.
        title = title == null || title.isBlank() ? null : title;
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        if (format == TextFormat.HTML && article.hasText()) {
            // An article's hash ignores how its text is laid out, so that the same text is the same article; a
            // fragment's paragraphs are its elements, so its key must not: "<p>A</p><p>B</p>" is not "<p>A B</p>".
            article = new Article(article.text(), io.precis.core.Sha256.hex(article.text()));
        }
        Objects.requireNonNull(glossary, "glossary");
        Objects.requireNonNull(author, "author");
        if (source == target) {
            throw new IllegalArgumentException("An article in " + target + " is its own translation");
        }
    }

    @Override
    public Language language() {
        return target;
    }

    @Override
    public TranslationTask withArticle(Article other) {
        return new TranslationTask(other, title, source, target, format, glossary, author);
    }
}
