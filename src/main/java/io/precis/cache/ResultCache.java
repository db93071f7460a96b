package io.precis.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.precis.task.Generation;
import io.precis.task.Task;
import io.precis.task.TaskKey;
import io.precis.task.TextSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The results of tasks, each under its task's key: served from memory, then from Redis when replicas share it
 * ({@code CACHE_BACKEND=redis}), otherwise computed once however many requests ask at the same time, in this process
 * (single flight) and across replicas ({@link ComputeOnce}), and stored only when computing succeeded. The key comes
 * from the task, never from its caller, so tasks that differ in anything that decides their text never share a
 * result.
 */
@ApplicationScoped
public class ResultCache {

    private static final Logger LOG = Logger.getLogger(ResultCache.class);

    private final MemoryTier memory;
    private final RedisTier redis;
    private final ComputeOnce computeOnce;
    private final boolean shared;
    private final SingleFlight<TaskKey, Served> flights = new SingleFlight<>();
    private final Counter joins;

    public ResultCache(CacheConfig config, MemoryTier memory, RedisTier redis, ComputeOnce computeOnce,
            MeterRegistry registry) {
        this.memory = memory;
        this.redis = redis;
        this.computeOnce = computeOnce;
        this.shared = config.backend() == CacheBackend.REDIS;
        this.joins = Counter.builder("precis.singleflight.joins")
                .description("Requests that joined a computation already under way instead of starting one")
                .register(registry);
        LOG.info(shared ? "Result cache: in-process, in front of Redis" : "Result cache: in-process only");
    }

    /** What is stored for a task, without computing anything. */
    public Optional<Result> lookup(Task task) {
        return lookup(task.key());
    }

    /**
     * What this process holds for every one of some tasks, never asking Redis: cheap enough for an event-loop thread.
     * Empty when any is missing here, which does not mean it is not stored; {@link #getOrCompute} finds out.
     */
    public Optional<List<Result>> inMemory(List<? extends Task> tasks) {
        return memory.peekAll(tasks.stream().map(Task::key).toList());
    }

    /**
     * The result of a task: from the cache, from a computation under way, or written by {@code compute} and stored.
     * A caller that reads the text as it is written may stop waiting ({@link SingleFlight.Flight#leave()}): when every
     * caller of a computation has left, it is cancelled. A result from the cache is not passed to the listener; it
     * comes whole.
     *
     * @param task     a task that can be written
     * @param listener receives the text as the model writes it, or null
     * @param compute  writes the task's text; called at most once however many ask at the same time
     */
    public SingleFlight.Flight<Served> getOrCompute(Task task, TextSink listener,
            Function<SingleFlight.Job, CompletableFuture<Generation>> compute) {
        if (!task.writable()) {
            throw new IllegalArgumentException("Nothing can be written for an article known only by its hash");
        }
        TaskKey key = task.key();
        Optional<Result> hit = lookup(key);
        if (hit.isPresent()) {
            return new SingleFlight.Flight<>(CompletableFuture.completedFuture(new Served(hit.get(), false)), false,
                    () -> { });
        }
        SingleFlight.Flight<Served> flight = flights.watch(key, listener, job -> {
            // A flight for this key may have landed between the miss above and this one starting.
            Optional<Result> landed = lookup(key);
            if (landed.isPresent()) {
                return CompletableFuture.completedFuture(new Served(landed.get(), false));
            }
            AtomicBoolean calledModel = new AtomicBoolean(true);
            return computeOnce.run(key, () -> compute.apply(job).thenCompose(generation -> {
                calledModel.set(generation.modelCalled());
                Result result = new Result(key, generation.text(), generation.usage(), Instant.now(),
                        generation.warnings());
                return store(result).thenApply(stored -> result);
            })).thenApply(outcome -> new Served(outcome.result(), outcome.computedHere() && calledModel.get()));
        });
        if (flight.joined()) {
            joins.increment();
        }
        return flight;
    }

    /** Forgets every result, in every tier. */
    public void clear() {
        memory.clear();
        if (shared) {
            redis.clear();
        }
    }

    private Optional<Result> lookup(TaskKey key) {
        Optional<Result> local = memory.get(key);
        if (local.isPresent() || !shared) {
            return local;
        }
        Optional<Result> found = redis.get(key);
        found.ifPresent(memory::put);
        return found;
    }

    /** Completes when every tier has it, or a tier gave up; it never fails. */
    private CompletableFuture<Void> store(Result result) {
        memory.put(result);
        return shared ? redis.put(result) : CompletableFuture.completedFuture(null);
    }

    /**
     * A result, as a request got it.
     *
     * @param result  the result
     * @param written whether the model wrote it for this request (or for a concurrent identical one it joined), rather
     *                than it coming from the cache or from stored pieces
     */
    public record Served(Result result, boolean written) {
    }
}
