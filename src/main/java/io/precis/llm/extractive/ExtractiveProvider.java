package io.precis.llm.extractive;

import io.precis.llm.Capabilities;
import io.precis.llm.LlmProvider;
import io.precis.llm.ModelRef;
import io.precis.llm.ProviderKind;
import io.precis.llm.TokenBudget;
import io.precis.task.Author;
import io.precis.task.Cancellation;
import io.precis.task.Deadline;
import io.precis.task.Generation;
import io.precis.task.GenerationSettings;
import io.precis.task.ModelIdentity;
import io.precis.task.SummaryTask;
import io.precis.task.Task;
import io.precis.task.TextSink;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * The provider without a language model: summaries are the article's own key sentences, as many as the length asks
 * for, in one paragraph; so they exist only in the article's language, and there are no translations, as its
 * capabilities say. It is also the stand-in that summarizes when the configured model is unavailable.
 */
@Singleton
@Typed(ExtractiveProvider.class)
public class ExtractiveProvider implements LlmProvider {

    /** Reported as the model name. */
    public static final String MODEL_NAME = "textrank";
    /** Stands in for the prompt version in cache keys: bump it when the algorithm's output changes. */
    public static final String ALGORITHM_VERSION = "textrank-2";

    private static final ModelRef MODEL = new ModelRef(ProviderKind.EXTRACTIVE.id(), MODEL_NAME);
    private static final Capabilities CAPABILITIES = new Capabilities(MODEL, ALGORITHM_VERSION, false, false,
            OptionalInt.empty());
    private static final Author AUTHOR = new Author(new ModelIdentity(MODEL.provider(), MODEL.name(), "builtin"),
            GenerationSettings.NONE, ALGORITHM_VERSION, ALGORITHM_VERSION);

    private final TextRankSummarizer summarizer = new TextRankSummarizer();

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Author author() {
        return AUTHOR;
    }

    @Override
    public TokenBudget budget() {
        return TokenBudget.UNBOUNDED;
    }

    /**
     * Computes on the common fork-join pool, the JVM's pool for computation: the caller, the model executor's
     * dispatcher, only starts calls.
     */
    @Override
    public CompletableFuture<Generation> write(Task task, Deadline deadline, Cancellation stop, TextSink sink) {
        return CompletableFuture.supplyAsync(() -> {
            Generation text = summary(task);
            sink.text(text.text());
            return text;
        }, ForkJoinPool.commonPool());
    }

    /**
     * Picks the key sentences of the article, on the calling thread.
     *
     * @param task a summary in the article's own language, as its capabilities allow
     */
    public Generation summary(Task task) {
        if (!(task instanceof SummaryTask summary) || summary.language() != summary.source()
                || !task.author().equals(AUTHOR)) {
            throw new IllegalArgumentException("Outside the extractive provider's capabilities: " + task.key());
        }
        List<String> sentences = summarizer.summarize(task.article().paragraphs(), task.source(), summary.length());
        return Generation.written(String.join(" ", sentences), null);
    }
}
