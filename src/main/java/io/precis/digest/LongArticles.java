package io.precis.digest;

import io.precis.article.Article;
import io.precis.article.Chunker;
import io.precis.article.Chunker.Chunk;
import io.precis.article.Language;
import io.precis.cache.SingleFlight;
import io.precis.cache.Task;
import io.precis.llm.Generation;
import io.precis.llm.LlmConfig;
import io.precis.llm.LlmExecutor;
import io.precis.llm.LlmProvider;
import io.precis.llm.SummaryLength;
import io.precis.llm.SummaryTask;
import io.precis.llm.TextSink;
import io.precis.llm.TokenUsage;
import io.precis.llm.TranslationTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Summaries and translations, for articles of any length. An article that fits the model's budget is one call; a
 * longer one is split into chunks ({@link Chunker}). Chunks are translated concurrently ({@code LLM_CHUNK_PARALLELISM}
 * at a time) and joined in order; a summary is made map-reduce: each chunk summarized, then the summaries summarized.
 * Every chunk's result is cached under the chunk's own hash, so an article that gains a paragraph pays for that part
 * only.
 */
@ApplicationScoped
public class LongArticles {

    private final LlmProvider provider;
    private final LlmExecutor executor;
    private final Parts parts;
    private final LlmConfig config;

    public LongArticles(LlmProvider provider, LlmExecutor executor, Parts parts, LlmConfig config) {
        this.provider = provider;
        this.executor = executor;
        this.parts = parts;
        this.config = config;
    }

    /** Whether one call can take the article for this task. */
    boolean fits(Article article, Task task) {
        int budget = provider.maxArticleTokens(task);
        return budget == Integer.MAX_VALUE || provider.countTokens(article.text()) <= budget;
    }

    /**
     * Writes a translation: one call, or the chunks' translations joined in order. When the job is streamed, the text
     * is passed on as the model writes it, in article order; when it is cancelled, chunks not started yet are not
     * started, and those under way are left (and cancelled unless another request waits for them).
     */
    CompletableFuture<Written> translate(TranslationTask task, SingleFlight.Job job) {
        if (fits(task.article(), Task.TRANSLATION)) {
            return executor.submit(deadline -> new Written(job.streamed()
                    ? provider.translate(task, deadline, job.progress())
                    : provider.translate(task, deadline), true), job.cancellation());
        }
        List<Chunk> chunks = split(task.article(), Task.TRANSLATION);
        InOrder order = new InOrder(chunks, job.streamed() ? job.progress() : TextSink.NONE);
        List<Integer> indices = IntStream.range(0, chunks.size()).boxed().toList();
        return Bounded.map(indices, parallelism(), index -> {
                    if (job.cancellation().isCancelled()) {
                        return CompletableFuture.failedFuture(new CancellationException("nobody waits any more"));
                    }
                    Article chunk = chunks.get(index).article();
                    SingleFlight.Flight<Parts.Computed> flight = parts.watch(
                            parts.translationKey(chunk.hash(), task.target()), task.source(),
                            job.streamed() ? order.chunk(index) : null,
                            chunkJob -> translate(new TranslationTask(chunk, task.title(), task.source(),
                                    task.target()), chunkJob));
                    job.cancellation().onCancel(flight.leave());
                    return flight.result().thenApply(computed -> {
                        order.done(index, computed.result().text());
                        return computed;
                    });
                })
                .thenApply(results -> new Written(new Generation(
                        Chunker.join(chunks, results.stream().map(r -> r.result().text()).toList()), usage(results)),
                        results.stream().anyMatch(r -> r.origin() == Origin.MODEL)));
    }

    /**
     * Writes a summary: one call, or map-reduce. Each chunk gets a long summary, so that little is lost before the
     * last step writes the summary at the requested length from all of them; if they are still too long together,
     * they are reduced the same way again.
     */
    CompletableFuture<Written> summarize(SummaryTask task) {
        if (fits(task.article(), Task.SUMMARY)) {
            return executor.submit(deadline -> new Written(provider.summarize(task, deadline), true));
        }
        List<Chunk> chunks = split(task.article(), Task.SUMMARY);
        return Bounded.map(chunks, parallelism(), chunk -> parts.get(
                        parts.summaryKey(chunk.article().hash(), task.language(), SummaryLength.LONG), task.source(),
                        job -> summarize(new SummaryTask(chunk.article(), task.title(), task.source(), task.language(),
                                SummaryLength.LONG))))
                .thenCompose(mapped -> {
                    Article summaries = Article.of(String.join("\n\n",
                            mapped.stream().map(r -> r.result().text()).toList()));
                    SummaryTask reduce = new SummaryTask(summaries, task.title(), task.language(), task.language(),
                            task.length());
                    return parts.get(parts.summaryKey(summaries.hash(), task.language(), task.length()),
                                    task.language(), job -> summarize(reduce))
                            .thenApply(reduced -> new Written(new Generation(reduced.result().text(),
                                    TokenUsage.sum(usage(mapped), reduced.result().usage())),
                                    reduced.origin() == Origin.MODEL
                                            || mapped.stream().anyMatch(r -> r.origin() == Origin.MODEL)));
                });
    }

    /** Chunks sent at once: never more than the model serves at once, or they would only fill its queue. */
    private int parallelism() {
        return Math.min(config.chunkParallelism(), executor.concurrency());
    }

    private List<Chunk> split(Article article, Task task) {
        int max = provider.maxArticleTokens(task);
        return Chunker.split(article, Math.min(config.chunkTokens(), max), max, provider::countTokens);
    }

    private static TokenUsage usage(List<Parts.Computed> results) {
        return results.stream().map(r -> r.result().usage()).reduce(null, TokenUsage::sum);
    }
}
