package io.precis.digest;

import io.precis.article.Article;
import io.precis.article.Chunker;
import io.precis.article.Chunker.Chunk;
import io.precis.cache.ResultCache;
import io.precis.cache.SingleFlight;
import io.precis.llm.LlmConfig;
import io.precis.llm.LlmExecutor;
import io.precis.llm.LlmProvider;
import io.precis.llm.TokenBudget;
import io.precis.metering.UsageLedger;
import io.precis.task.Caller;
import io.precis.task.Generation;
import io.precis.task.SummaryLength;
import io.precis.task.SummaryTask;
import io.precis.task.Task;
import io.precis.task.TextSink;
import io.precis.task.TokenUsage;
import io.precis.task.Tracker;
import io.precis.task.TranslationTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Writes the text of a task, for articles of any length. An article that fits the model's budget is one call; a
 * longer one is split into chunks ({@link Chunker}). Chunks are translated concurrently ({@code LLM_CHUNK_PARALLELISM}
 * at a time) and joined in order; a summary is made map-reduce: each chunk summarized, then the summaries summarized.
 * Every chunk is a task of its own, cached under its own key, so an article that gains a paragraph pays for that part
 * only.
 */
@ApplicationScoped
public class LongArticles {

    private final LlmProvider provider;
    private final LlmExecutor executor;
    private final ResultCache cache;
    private final LlmConfig config;
    private final UsageLedger usage;

    public LongArticles(LlmProvider provider, LlmExecutor executor, ResultCache cache, LlmConfig config,
            UsageLedger usage) {
        this.provider = provider;
        this.executor = executor;
        this.cache = cache;
        this.config = config;
        this.usage = usage;
    }

    /**
     * Writes a task's text, as the work of its flight in the cache, in the caller's turns for the model. The chunks it
     * is split into (one when it fits a call; the reduce step counts as one more) and the tokens written are reported
     * to {@code tracker}.
     */
    CompletableFuture<Generation> write(Caller caller, Task task, SingleFlight.Job job, Tracker tracker) {
        if (budget().fits(task)) {
            tracker.chunksPlanned(1);
            return call(caller, task, job, tracker).whenComplete((written, failure) -> {
                if (failure == null) {
                    tracker.chunkDone();
                }
            });
        }
        return task instanceof SummaryTask summary ? summarize(caller, summary, job, tracker, true)
                : translate(caller, (TranslationTask) task, job, tracker, true);
    }

    /**
     * Writes a translation: one call, or the chunks' translations joined in order. When the job is streamed, the text
     * is passed on as the model writes it, in article order; when it is cancelled, chunks not started yet are not
     * started, and those under way are left (and cancelled unless another request waits for them).
     */
    private CompletableFuture<Generation> translate(Caller caller, TranslationTask task, SingleFlight.Job job,
            Tracker tracker, boolean counted) {
        if (budget().fits(task)) {
            return call(caller, task, job, tracker);
        }
        List<Chunk> chunks = split(task);
        if (counted) {
            tracker.chunksPlanned(chunks.size());
        }
        InOrder order = new InOrder(chunks, job.streamed() ? job.progress() : TextSink.NONE);
        List<Integer> indices = IntStream.range(0, chunks.size()).boxed().toList();
        return Bounded.map(indices, parallelism(), index -> {
                    if (job.cancellation().isCancelled()) {
                        return CompletableFuture.failedFuture(new CancellationException("nobody waits any more"));
                    }
                    TranslationTask chunk = task.withArticle(chunks.get(index).article());
                    SingleFlight.Flight<ResultCache.Served> flight = cache.getOrCompute(chunk,
                            job.streamed() ? order.chunk(index) : null,
                            chunkJob -> translate(caller, chunk, chunkJob, tracker, false));
                    job.cancellation().onCancel(flight.leave());
                    return flight.result().thenApply(served -> {
                        order.done(index, served.result().text());
                        if (counted) {
                            tracker.chunkDone();
                        }
                        return served;
                    });
                })
                .thenApply(results -> assembled(Chunker.join(chunks, texts(results)), results));
    }

    /**
     * Writes a summary: one call, or map-reduce. Each chunk gets a long summary, so that little is lost before the
     * last step writes the summary at the requested length from all of them; if they are still too long together,
     * they are reduced the same way again.
     */
    private CompletableFuture<Generation> summarize(Caller caller, SummaryTask task, SingleFlight.Job job,
            Tracker tracker, boolean counted) {
        if (budget().fits(task)) {
            return call(caller, task, job, tracker);
        }
        List<Chunk> chunks = split(task);
        if (counted) {
            // The chunks' summaries, and the summary of those.
            tracker.chunksPlanned(chunks.size() + 1);
        }
        return Bounded.map(chunks, parallelism(), chunk -> {
                    SummaryTask mapped = task.withArticle(chunk.article()).withLength(SummaryLength.LONG);
                    return chunkDone(counted, tracker, left(job, cache.getOrCompute(mapped, null,
                            mapJob -> summarize(caller, mapped, mapJob, tracker, false))));
                })
                .thenCompose(mapped -> {
                    SummaryTask reduce = new SummaryTask(Article.of(String.join("\n\n", texts(mapped))), task.title(),
                            task.language(), task.language(), task.length(), task.glossary(), task.author());
                    return chunkDone(counted, tracker, left(job, cache.getOrCompute(reduce, null,
                                    reduceJob -> summarize(caller, reduce, reduceJob, tracker, false))))
                            .thenApply(reduced -> new Generation(reduced.result().text(),
                                    TokenUsage.sum(usage(mapped), reduced.result().usage()),
                                    reduced.written() || mapped.stream().anyMatch(ResultCache.Served::written),
                                    // A chunk's summary is the reduce step's source: what it invented is no
                                    // longer seen there, so its warnings are the summary's too.
                                    java.util.stream.Stream.concat(mapped.stream()
                                            .flatMap(served -> served.result().warnings().stream()),
                                            reduced.result().warnings().stream()).distinct().toList()));
                });
    }

    /**
     * One call to the model, under the executor's bounds and deadline; its tokens count in the caller's usage and in
     * the tracker's progress.
     */
    private CompletableFuture<Generation> call(Caller caller, Task task, SingleFlight.Job job, Tracker tracker) {
        TextSink sink = job.streamed() ? job.progress() : TextSink.NONE;
        return executor.submit(caller, (deadline, stop) -> provider.write(task, deadline, stop, sink)
                .thenApply(written -> {
                    usage.tokens(caller, written.usage());
                    if (written.usage() != null && written.usage().outputTokens() != null) {
                        tracker.tokensWritten(written.usage().outputTokens());
                    }
                    return written;
                }), job.cancellation(), tracker.deadline());
    }

    /** A chunk's flight, which this job leaves when it is cancelled, so that nobody pays for what nobody reads. */
    private static CompletableFuture<ResultCache.Served> left(SingleFlight.Job job,
            SingleFlight.Flight<ResultCache.Served> flight) {
        job.cancellation().onCancel(flight.leave());
        return flight.result();
    }

    /** Counts a chunk of the request's own part as done when it is. */
    private static CompletableFuture<ResultCache.Served> chunkDone(boolean counted, Tracker tracker,
            CompletableFuture<ResultCache.Served> chunk) {
        return counted ? chunk.thenApply(served -> {
            tracker.chunkDone();
            return served;
        }) : chunk;
    }

    /** Chunks sent at once: never more than the caller may run at once, or they would only fill its queue. */
    private int parallelism() {
        return Math.min(config.chunkParallelism(), executor.concurrencyPerCaller());
    }

    /** The chunks of a task's article, of the size its author writes with. */
    private List<Chunk> split(Task task) {
        int max = budget().maxArticleTokens(task);
        return Chunker.split(task.article(), Math.min(task.author().settings().chunkTokens(), max), max,
                budget()::countTokens);
    }

    private TokenBudget budget() {
        return provider.budget();
    }

    private static Generation assembled(String text, List<ResultCache.Served> pieces) {
        return new Generation(text, usage(pieces), pieces.stream().anyMatch(ResultCache.Served::written),
                pieces.stream().flatMap(served -> served.result().warnings().stream()).toList());
    }

    private static List<String> texts(List<ResultCache.Served> pieces) {
        return pieces.stream().map(served -> served.result().text()).toList();
    }

    private static TokenUsage usage(List<ResultCache.Served> pieces) {
        return pieces.stream().map(served -> served.result().usage()).reduce(null, TokenUsage::sum);
    }
}
