package io.precis.llm;

import io.precis.problem.ProblemException;
import io.precis.problem.ProblemType;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the blocking provider calls off the request threads, on a bounded pool with a bounded queue, each under the
 * {@code LLM_TIMEOUT} deadline.
 *
 * <p>A full queue answers at once with a 503 instead of piling up work. A call past its deadline fails with a 504 and
 * its thread is interrupted, which ends a blocked HTTP exchange; a call that completes anyway may still store its
 * result for the next request.
 */
@ApplicationScoped
public class LlmExecutor {

    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timers;
    private final Duration deadline;
    private final Duration retryAfter;

    public LlmExecutor(LlmConfig config) {
        this.deadline = config.timeout();
        this.retryAfter = config.retryAfter();
        this.pool = new ThreadPoolExecutor(config.maxConcurrency(), config.maxConcurrency(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.maxQueue()), new NamedThreads());
        pool.allowCoreThreadTimeOut(true);
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "llm-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled timers leave the queue at once, so calls that finish early hold no memory until their deadline.
        timers.setRemoveOnCancelPolicy(true);
    }

    /** Runs a call; the future fails with a {@link ProblemException} on overload, timeout or provider failure. */
    public <T> CompletableFuture<T> submit(Supplier<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Future<?> task;
        try {
            task = pool.submit(() -> {
                try {
                    result.complete(call.get());
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ProblemException(ProblemType.OVERLOADED,
                    "All " + pool.getMaximumPoolSize() + " model slots are busy and " + pool.getQueue().size()
                            + " calls are waiting.", retryAfter));
        }
        ScheduledFuture<?> timer = timers.schedule(() -> {
            if (result.completeExceptionally(new ProblemException(ProblemType.LLM_TIMEOUT,
                    "The language model did not answer within " + deadline.toSeconds() + " s (LLM_TIMEOUT)."))) {
                task.cancel(true);
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((value, failure) -> timer.cancel(false));
        return result;
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
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
