package io.precis.task;

import io.precis.article.Article;
import io.precis.article.Language;

/**
 * A piece of text to write, holding everything that decides it: the article, its title, the languages, the options
 * of the kind of text, and who writes it and how ({@link Author}). Nothing else may change the text, so two equal
 * tasks may share one stored result, and two that differ in anything may not.
 *
 * <p>Its {@linkplain #key() key} is derived from all of its components, whatever they are, so an option added later is
 * in the key without anyone having to put it there.
 */
public sealed interface Task permits SummaryTask, TranslationTask {

    /** The article to write about; its hash stands for its text in the key. */
    Article article();

    /** The article's title, given to the model as context; null when there is none. */
    String title();

    /** The article's language. */
    Language source();

    /** The language of the text to write. */
    Language language();

    /** How the text must render terms of the article. */
    Glossary glossary();

    /** Who writes the text, and how. */
    Author author();

    /** The same task for another article: a chunk of this one, or the summaries of its chunks. */
    Task withArticle(Article article);

    /** Whether its text can be written: false for an article known only by its hash, whose results can only be read. */
    default boolean writable() {
        return article().hasText();
    }

    /** The key of the stored result, derived from every component of the task. */
    default TaskKey key() {
        return TaskKey.of(this);
    }
}
