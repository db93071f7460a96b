package io.precis.llm;

/**
 * A language model that can summarize or translate an article: one implementation per provider, the one in use
 * picked at start-up from {@code LLM_PROVIDER}.
 *
 * <p>Calls block until the text is written; callers run them off the request threads. Failures are
 * {@link io.precis.problem.ProblemException}s: unavailable (503), timed out (504), or an unusable answer (502).
 */
public interface LlmProvider {

    /** The provider kind and model name, as reported with every result and used in cache keys. */
    ModelRef model();

    /** The version of the prompts (or algorithm) behind the results, used in cache keys. */
    String promptVersion();

    /** How many calls it can serve at once, when it knows better than the configured bulkhead. */
    default java.util.OptionalInt concurrencyLimit() {
        return java.util.OptionalInt.empty();
    }

    /** Tokens in a text, with the model's tokenizer where it is known, a calibrated estimate otherwise. */
    int countTokens(String text);

    /**
     * The longest article, in tokens, that one call can take for a task; a longer one is split into chunks. Unbounded
     * for a provider without a model.
     */
    int maxArticleTokens(io.precis.cache.Task task);

    /** Whether it can summarize in a language other than the article's. */
    boolean summarizesAcrossLanguages();

    /** Whether it can translate. */
    boolean translates();

    /**
     * Throws the problem that would stop a summary before any call (an unsupported language, an article over the
     * model's budget); returns when it may be attempted. Cheap: callers check every part of a request first.
     */
    void checkSummary(SummaryTask task);

    /** Throws the problem that would stop a translation before any call; returns when it may be attempted. */
    void checkTranslation(TranslationTask task);

    /** Writes a summary before the deadline. */
    Generation summarize(SummaryTask task, Deadline deadline);

    /** Writes a full translation into a language other than the article's, before the deadline. */
    Generation translate(TranslationTask task, Deadline deadline);

    /**
     * Writes a translation and passes its text on as the model writes it, through the provider's streaming API.
     * Without one, the text is passed on whole once written.
     */
    default Generation translate(TranslationTask task, Deadline deadline, TextSink sink) {
        Generation generation = translate(task, deadline);
        sink.text(generation.text());
        return generation;
    }
}
