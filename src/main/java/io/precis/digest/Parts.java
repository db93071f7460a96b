package io.precis.digest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.precis.article.Language;
import io.precis.cache.CacheKey;
import io.precis.cache.ComputeOnce;
import io.precis.cache.MemoryResultStore;
import io.precis.cache.ResultStore;
import io.precis.cache.SingleFlight;
import io.precis.cache.StoredResult;
import io.precis.cache.Task;
import io.precis.llm.LlmProvider;
import io.precis.llm.TextSink;
import io.precis.llm.SummaryLength;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The results the service keeps, one per key (article hash, task, language, length, provider, model, prompts): served
 * from the cache when there, otherwise computed once however many requests ask at the same time, in this process
 * (single flight) and across replicas sharing Redis ({@link ComputeOnce}), and stored only when computing succeeded.
 */
@ApplicationScoped
public class Parts {

    private static final String NO_LENGTH = "-";

    private final ResultStore store;
    private final MemoryResultStore memory;
    private final ComputeOnce computeOnce;
    private final LlmProvider provider;
    private final SingleFlight<CacheKey, Computed> flights = new SingleFlight<>();
    private final Counter joins;

    public Parts(ResultStore store, MemoryResultStore memory, ComputeOnce computeOnce, LlmProvider provider,
            MeterRegistry registry) {
        this.store = store;
        this.memory = memory;
        this.computeOnce = computeOnce;
        this.provider = provider;
        this.joins = Counter.builder("precis.singleflight.joins")
                .description("Requests that joined a computation already under way instead of starting one")
                .register(registry);
    }

    /**
     * The result under a key: from the cache, from a computation under way, or from {@code compute}.
     *
     * @param sourceLanguage the language of the article it is about, stored with it
     * @param compute        writes the result; it reports whether it called the model
     */
    CompletableFuture<Computed> get(CacheKey key, Language sourceLanguage,
            Function<SingleFlight.Job, CompletableFuture<Written>> compute) {
        return watch(key, sourceLanguage, null, compute).result();
    }

    /**
     * Like {@link #get}, for a caller that reads the text as it is written and may stop waiting: when every caller of
     * a computation has left, it is cancelled. A result from the cache is not passed to the listener; it comes whole.
     *
     * @param listener receives the text as the model writes it, or null
     */
    SingleFlight.Flight<Computed> watch(CacheKey key, Language sourceLanguage, TextSink listener,
            Function<SingleFlight.Job, CompletableFuture<Written>> compute) {
        Optional<StoredResult> hit = store.get(key);
        if (hit.isPresent()) {
            return new SingleFlight.Flight<>(CompletableFuture.completedFuture(new Computed(hit.get(), Origin.CACHE)),
                    false, () -> { });
        }
        SingleFlight.Flight<Computed> flight = flights.watch(key, listener, job -> {
            // A flight for this key may have landed between the miss above and this one starting.
            Optional<StoredResult> landed = store.get(key);
            if (landed.isPresent()) {
                return CompletableFuture.completedFuture(new Computed(landed.get(), Origin.CACHE));
            }
            AtomicBoolean calledModel = new AtomicBoolean(true);
            return computeOnce.run(key, () -> compute.apply(job).thenCompose(written -> {
                calledModel.set(written.calledModel());
                StoredResult result = new StoredResult(key, written.generation().text(), sourceLanguage.code(),
                        written.generation().usage(), Instant.now());
                return store.put(result).thenApply(stored -> result);
            })).thenApply(outcome -> new Computed(outcome.result(),
                    outcome.computedHere() && calledModel.get() ? Origin.MODEL : Origin.CACHE));
        });
        if (flight.joined()) {
            joins.increment();
        }
        return flight;
    }

    /**
     * What this process holds under every one of some keys, never asking Redis: cheap enough for an event-loop
     * thread. Empty when any is missing here, which does not mean it is not stored; {@link #get} finds out.
     */
    Optional<List<StoredResult>> inMemory(List<CacheKey> keys) {
        return memory.peekAll(keys);
    }

    /** What is stored under a key, without computing anything. */
    Optional<StoredResult> stored(CacheKey key) {
        return store.get(key);
    }

    CacheKey summaryKey(String hash, Language language, SummaryLength length) {
        return key(hash, Task.SUMMARY, language, length.code());
    }

    CacheKey translationKey(String hash, Language target) {
        return key(hash, Task.TRANSLATION, target, NO_LENGTH);
    }

    private CacheKey key(String hash, Task task, Language language, String length) {
        return new CacheKey(hash, task, language.code(), length, provider.model().provider(), provider.model().name(),
                provider.promptVersion());
    }

    /**
     * A stored result, and where it came from on this request.
     *
     * @param result the result
     * @param origin written by the model now, or served from the cache (or from cached pieces)
     */
    record Computed(StoredResult result, Origin origin) {
    }
}
