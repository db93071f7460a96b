package io.precis.cache;

import io.precis.task.TaskKey;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Computes a result once across replicas. With Redis, the replica that computes holds a short lease ({@code SET NX}
 * with an expiry) and renews it while it works; the others poll for the stored result, and take the lease over if it
 * lapses because its holder died or gave up. Without Redis, or when Redis does not answer, each replica computes on
 * its own: coordination saves money, it must never cost a request.
 */
@ApplicationScoped
public class ComputeOnce {

    private static final Logger LOG = Logger.getLogger(ComputeOnce.class);
    private static final long POLL_MILLIS = 100;

    private final CacheConfig config;
    private final RedisTier redis;
    private final MemoryTier memory;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong leases = new AtomicLong();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cache-lease");
        thread.setDaemon(true);
        return thread;
    });

    public ComputeOnce(CacheConfig config, RedisTier redis, MemoryTier memory) {
        this.config = config;
        this.redis = redis;
        this.memory = memory;
    }

    /**
     * Runs {@code compute}, which must store its result before it completes, unless another replica is computing the
     * same key; then waits for that replica's result.
     */
    public CompletableFuture<Outcome> run(TaskKey key, Supplier<CompletableFuture<Result>> compute) {
        if (config.backend() != CacheBackend.REDIS) {
            return start(compute).thenApply(result -> new Outcome(result, true));
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        String owner = instance + ":" + leases.incrementAndGet();
        attempt(key, owner, compute, System.nanoTime() + config.leaseWait().toNanos(), outcome);
        return outcome;
    }

    private void attempt(TaskKey key, String owner, Supplier<CompletableFuture<Result>> compute, long giveUpAt,
            CompletableFuture<Outcome> outcome) {
        redis.tryLease(key, owner).thenAccept(lease -> {
            switch (lease) {
                case ACQUIRED -> computeHoldingLease(key, owner, compute, outcome);
                case UNAVAILABLE -> relay(start(compute).thenApply(result -> new Outcome(result, true)), outcome);
                case HELD_ELSEWHERE -> {
                    if (System.nanoTime() - giveUpAt > 0) {
                        LOG.infof("Waited %s for another replica's result; computing it here", config.leaseWait());
                        relay(start(compute).thenApply(result -> new Outcome(result, true)), outcome);
                    } else {
                        timers.schedule(() -> poll(key, owner, compute, giveUpAt, outcome), POLL_MILLIS,
                                TimeUnit.MILLISECONDS);
                    }
                }
            }
        });
    }

    /** Looks for the other replica's result; if it is not there yet, tries the lease again (it may have lapsed). */
    private void poll(TaskKey key, String owner, Supplier<CompletableFuture<Result>> compute, long giveUpAt,
            CompletableFuture<Outcome> outcome) {
        redis.getAsync(key).thenAccept(found -> {
            if (found.isPresent()) {
                memory.put(found.get());
                outcome.complete(new Outcome(found.get(), false));
            } else {
                attempt(key, owner, compute, giveUpAt, outcome);
            }
        });
    }

    private void computeHoldingLease(TaskKey key, String owner, Supplier<CompletableFuture<Result>> compute,
            CompletableFuture<Outcome> outcome) {
        long every = Math.max(1, config.leaseTtl().toMillis() / 3);
        ScheduledFuture<?> renewal = timers.scheduleAtFixedRate(() -> redis.renewLease(key, owner), every, every,
                TimeUnit.MILLISECONDS);
        start(compute).whenComplete((result, failure) -> {
            renewal.cancel(false);
            // The result is stored before the lease goes, so a replica that takes the lease next finds it.
            redis.releaseLease(key, owner);
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(new Outcome(result, true));
            }
        });
    }

    private static CompletableFuture<Result> start(Supplier<CompletableFuture<Result>> compute) {
        try {
            return compute.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static <T> void relay(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((value, failure) -> {
            if (failure != null) {
                to.completeExceptionally(failure);
            } else {
                to.complete(value);
            }
        });
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
    }

    /**
     * A result, and whether this replica computed it (or received it from another).
     *
     * @param result       the stored result
     * @param computedHere whether the model was called here for it
     */
    public record Outcome(Result result, boolean computedHere) {
    }
}
