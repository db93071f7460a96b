package io.precis.llm;

import io.micrometer.core.instrument.Tags;
import io.opentelemetry.context.Context;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.task.Cancellation;
import io.precis.task.Deadline;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the blocking provider calls off the request threads, on a bounded pool with a bounded queue, each under the
 * {@code LLM_TIMEOUT} deadline: the one {@link Deadline} of the call, which this executor enforces with its one timer
 * and passes down to the retries and the HTTP exchange.
 *
 * <p>A full queue answers at once with a 503 instead of piling up work. A call past its deadline fails with a 504 and
 * its thread is interrupted, which ends a blocked HTTP exchange; a call that completes anyway may still store its
 * result for the next request.
 */
@ApplicationScoped
public class LlmExecutor {

    private final ThreadPoolExecutor pool;
    private final Semaphore admitted;
    private final int queueLimit;
    private final int concurrency;
    private final ScheduledThreadPoolExecutor timers;
    private final Duration timeout;
    private final Duration retryAfter;

    public LlmExecutor(LlmConfig config, LlmProvider provider, LlmTelemetry telemetry) {
        this.timeout = config.timeout();
        this.retryAfter = config.retry().after();
        // The queue itself is unbounded; the permits bound what it can hold. A bounded queue alone would refuse
        // work while threads are idle but have not yet taken the previous task off it.
        this.concurrency = Math.min(config.maxConcurrency(), provider.capabilities().concurrencyLimit()
                .orElse(Integer.MAX_VALUE));
        this.queueLimit = config.maxQueue();
        this.admitted = new Semaphore(concurrency + config.maxQueue());
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new NamedThreads());
        pool.allowCoreThreadTimeOut(true);
        telemetry.gauge("precis.llm.bulkhead.queue", "Model calls waiting for a free slot", Tags.empty(), pool,
                p -> p.getQueue().size());
        telemetry.gauge("precis.llm.bulkhead.active", "Model calls under way", Tags.empty(), pool,
                ThreadPoolExecutor::getActiveCount);
        int admittable = concurrency + config.maxQueue();
        telemetry.gauge("precis.llm.pending", "Model calls admitted: under way or waiting (the autoscaling signal)",
                Tags.empty(), admitted, permits -> admittable - permits.availablePermits());
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "llm-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled timers leave the queue at once, so calls that finish early hold no memory until their deadline.
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Calls that run at once; the others wait in the queue. */
    public int concurrency() {
        return concurrency;
    }

    /**
     * Runs a call under a deadline that starts now; the future fails with a {@link ServiceException} on overload,
     * timeout or provider failure. The caller's trace context goes with the call.
     */
    public <T> CompletableFuture<T> submit(Function<Deadline, T> call) {
        return submit(call, null);
    }

    /**
     * Runs a call that is stopped when {@code cancellation} fires: a queued call never starts, a running one is
     * interrupted, and the future fails with a {@link CancellationException}.
     */
    public <T> CompletableFuture<T> submit(Function<Deadline, T> call, Cancellation cancellation) {
        if (cancellation != null && cancellation.isCancelled()) {
            return CompletableFuture.failedFuture(new CancellationException("nobody waits for this call any more"));
        }
        if (!admitted.tryAcquire()) {
            return CompletableFuture.failedFuture(new ServiceException(Failure.OVERLOADED,
                    "All " + pool.getMaximumPoolSize() + " model slots are busy and " + queueLimit
                            + " calls are already waiting.", retryAfter));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        result.whenComplete((value, failure) -> admitted.release());
        Deadline deadline = Deadline.in(timeout);
        Future<?> task = pool.submit(Context.current().wrap(() -> {
            try {
                result.complete(call.apply(deadline));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }));
        ScheduledFuture<?> timer = timers.schedule(() -> {
            if (result.completeExceptionally(new ServiceException(Failure.MODEL_TIMEOUT,
                    "The language model did not answer within " + timeout.toSeconds() + " s (LLM_TIMEOUT)."))) {
                task.cancel(true);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((value, failure) -> timer.cancel(false));
        if (cancellation != null) {
            cancellation.onCancel(() -> {
                if (result.completeExceptionally(new CancellationException("nobody waits for this call any more"))) {
                    task.cancel(true);
                }
            });
        }
        return result;
    }

    /**
     * Lets calls that outlived their request (the other part of a failed digest) finish within their deadline, then
     * stops. Requests in flight have already been drained by Quarkus's graceful shutdown.
     */
    @PreDestroy
    public void shutdown() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
        timers.shutdownNow();
    }

    private static final class NamedThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "llm-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
