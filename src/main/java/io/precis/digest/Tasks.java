package io.precis.digest;

import io.precis.article.Language;
import io.precis.article.PreparedArticle;
import io.precis.core.ServiceException;
import io.precis.glossary.GlossaryChoice;
import io.precis.glossary.GlossaryLibrary;
import io.precis.llm.LlmProvider;
import io.precis.task.Author;
import io.precis.task.SummaryLength;
import io.precis.task.SummaryTask;
import io.precis.task.Task;
import io.precis.task.TextFormat;
import io.precis.task.TranslationTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Turns a request for an article into the tasks the configured provider writes, and refuses, before any call, a task
 * the provider cannot do or cannot take in one call. A longer article is split, and each chunk is checked as it is
 * written.
 */
@ApplicationScoped
class Tasks {

    private final LlmProvider provider;
    private final GlossaryLibrary glossaries;

    Tasks(LlmProvider provider, GlossaryLibrary glossaries) {
        this.provider = provider;
        this.glossaries = glossaries;
    }

    /**
     * Who writes, for the tasks of one request.
     *
     * @throws io.precis.core.ServiceException unavailable while the model is not known exactly yet
     */
    Author author() {
        return provider.author();
    }

    /** A summary of the article, with the glossary asked for resolved for its languages. */
    SummaryTask summary(PreparedArticle article, Language language, SummaryLength length, GlossaryChoice glossary,
            Author author) {
        return new SummaryTask(article.article(), article.title(), article.language(), language, length,
                glossaries.resolve(glossary, article.language(), language), author);
    }

    /** A translation of the article; empty when it is already in the target language, its own translation. */
    Optional<TranslationTask> translation(PreparedArticle article, Language target, GlossaryChoice glossary,
            Author author) {
        return article.language() == target ? Optional.empty()
                : Optional.of(new TranslationTask(article.article(), article.title(), article.language(), target,
                        article.fragment() == null ? TextFormat.TEXT : TextFormat.HTML,
                        glossaries.resolve(glossary, article.language(), target), author));
    }

    /**
     * Refuses a glossary that names no known glossary, before the article is read or counted.
     *
     * @throws io.precis.core.ServiceException an unknown glossaryId
     */
    void check(GlossaryChoice glossary) {
        glossaries.check(glossary);
    }

    /**
     * Refuses what the provider cannot do, or cannot take although one call would have to: an article that fits one
     * call is checked against the model's budget now, cheaply, so that a request that cannot be served costs nothing.
     *
     * @throws io.precis.core.ServiceException why it cannot be done
     */
    void check(Task task) {
        Optional<io.precis.core.ServiceException> refusal = provider.capabilities().refusal(task);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        if (provider.budget().fits(task)) {
            provider.budget().check(task);
        }
    }
}
