package io.precis.llm;

import io.precis.task.Task;

/**
 * What a provider's model can take: how it counts tokens, the longest article one call can take (a longer one is
 * written in chunks), and the check that refuses, before any call, what it cannot take at all.
 */
public interface TokenBudget {

    /** For a provider without a model: no tokens, no limit but the article's own. */
    TokenBudget UNBOUNDED = new TokenBudget() {
        @Override
        public int countTokens(String text) {
            return 0;
        }

        @Override
        public int maxArticleTokens(Task task) {
            return Integer.MAX_VALUE;
        }

        @Override
        public void check(Task task) {
            // Nothing is too long for a provider without a model.
        }
    };

    /** Tokens in a text, with the model's tokenizer where it is known, a calibrated estimate otherwise. */
    int countTokens(String text);

    /** The longest article, in tokens, that one call can take for a task of this kind. */
    int maxArticleTokens(Task task);

    /** Whether one call can take the task's whole article. */
    default boolean fits(Task task) {
        int budget = maxArticleTokens(task);
        return budget == Integer.MAX_VALUE || countTokens(task.article().text()) <= budget;
    }

    /**
     * Refuses what one call cannot take: an article over the input budget, or a translation longer than one answer
     * may be.
     *
     * @throws io.precis.core.ServiceException an article too long, naming the setting that limits it
     */
    void check(Task task);
}
