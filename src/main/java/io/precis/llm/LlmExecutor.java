package io.precis.llm;

import io.micrometer.core.instrument.Tags;
import io.opentelemetry.context.Context;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.task.Caller;
import io.precis.task.Cancellation;
import io.precis.task.Deadline;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the provider calls on {@code LLM_MAX_CONCURRENCY} slots with a bounded queue. A slot is a permit, not a thread:
 * a call holds it from its start until its future completes, and no thread waits for the model meanwhile. One thread
 * hands each call its slot in turn and starts it there: a start only builds the request and sends it, and a thread
 * change more for each call cost a seventh of the throughput of saturated misses on the benchmark's one core. A call waits at most {@code LLM_QUEUE_TIMEOUT} for a slot (then a 503 with a Retry-After of how long the
 * queue takes to drain at the pace of recent calls: the service is busy, the model is not slow), and runs under the
 * {@code LLM_TIMEOUT} deadline counted from when it gets its slot: the one {@link Deadline} of the call, which this
 * executor enforces with its one timer and passes down to the retries and the HTTP exchange. Time spent waiting
 * behind other calls is never taken from the model's.
 *
 * <p>Calls wait in turns by caller ({@link FairQueue}): one API key's burst of calls delays another key's call by at
 * most one call, and with {@code LLM_SLOTS_KEPT_FOR_OTHERS} not even that. A full queue, or a caller's full share of
 * it, answers at once with a 503 instead of piling up work. A call past its deadline, or that nobody waits for any
 * more, fails (a 504, or a cancellation) and is stopped: its HTTP exchange is reset, a retry it was waiting to make is
 * not made, and its slot is free. A call that completes anyway may still store its result for the next request. The
 * caller hears of the outcome on a {@link Workers} thread, never on an event loop or a timer.
 */
@ApplicationScoped
public class LlmExecutor {

    private static final Logger LOG = Logger.getLogger(LlmExecutor.class);

    private final FairQueue queue;
    private final int queueLimit;
    private final int concurrency;
    private final ScheduledThreadPoolExecutor timers;
    private final Duration timeout;
    private final Duration queueTimeout;
    private final QueueDrain drain;
    private final Thread dispatcher;

    public LlmExecutor(LlmConfig config, LlmProvider provider, LlmTelemetry telemetry) {
        this.timeout = config.timeout();
        this.queueTimeout = config.queueTimeout();
        this.drain = new QueueDrain(config.retry().after(), config.queueTimeout().plus(config.timeout()));
        this.concurrency = Math.min(config.maxConcurrency(), provider.capabilities().concurrencyLimit()
                .orElse(Integer.MAX_VALUE));
        this.queueLimit = config.maxQueue();
        this.queue = new FairQueue(concurrency, config.slotsKeptForOthers(), config.maxQueue(),
                config.maxQueuePerKey());
        telemetry.gauge("precis.llm.bulkhead.queue", "Model calls waiting for a free slot", Tags.empty(), queue,
                FairQueue::waiting);
        telemetry.gauge("precis.llm.bulkhead.active", "Model calls under way", Tags.empty(), queue,
                FairQueue::running);
        telemetry.gauge("precis.llm.pending", "Model calls admitted: under way or waiting (the autoscaling signal)",
                Tags.empty(), queue, q -> q.waiting() + q.running());
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "llm-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled timers leave the queue at once, so calls that finish early hold no memory until their deadline.
        timers.setRemoveOnCancelPolicy(true);
        this.dispatcher = new Thread(this::dispatch, "llm-dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Calls one caller may run at once: the slots, less those kept for other callers. */
    public int concurrencyPerCaller() {
        return queue.perCaller();
    }

    /**
     * Runs a caller's call, in the caller's turn, under a deadline that starts when it gets a slot. The future fails
     * with a {@link ServiceException} on overload, timeout or provider failure, and with a
     * {@link CancellationException} when {@code cancellation} fires: a queued call never starts, a running one is
     * stopped. The caller's trace context goes with the call.
     *
     * @param cancellation stops the call; null when nothing does
     */
    public <T> CompletableFuture<T> submit(Caller caller, ModelCall<T> call, Cancellation cancellation) {
        return submit(caller, call, cancellation, null);
    }

    /**
     * Runs a call like {@link #submit(Caller, ModelCall, Cancellation)}, for work that has a deadline of its own (a
     * job, which has {@code JOB_TIMEOUT}): the call may run until then instead of {@code LLM_TIMEOUT}.
     *
     * @param until the work's deadline, or null for {@code LLM_TIMEOUT} from the call's start
     */
    public <T> CompletableFuture<T> submit(Caller caller, ModelCall<T> call, Cancellation cancellation,
            Deadline until) {
        if (cancellation != null && cancellation.isCancelled()) {
            return CompletableFuture.failedFuture(new CancellationException("nobody waits for this call any more"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        FairQueue.Call[] self = new FairQueue.Call[1];
        Runnable work = Context.current().wrap(() -> {
            if (result.isDone()) {
                // It waited too long, or nobody waits for it any more.
                queue.finished(self[0]);
                return;
            }
            // The model's time starts now, whatever the call waited for its slot.
            Duration allowed = until == null ? timeout : max(until.remaining(), Duration.ofMillis(1));
            Deadline deadline = Deadline.in(allowed);
            long started = System.nanoTime();
            CompletionStage<T> running;
            try {
                // Inside the try: a timer refused (the executor shutting down) must still complete the call.
                ScheduledFuture<?> timer = timers.schedule(() -> {
                    if (result.completeExceptionally(new ServiceException(Failure.MODEL_TIMEOUT, "The language model"
                            + " did not answer within " + allowed.toSeconds() + " s ("
                            + (until == null ? "LLM_TIMEOUT" : "the time left of JOB_TIMEOUT") + ")."))) {
                        drain.ran(allowed.toNanos());
                        stop(self[0]);
                    }
                }, allowed.toMillis(), TimeUnit.MILLISECONDS);
                result.whenComplete((value, failure) -> timer.cancel(false));
                running = java.util.Objects.requireNonNull(call.start(deadline, self[0].stopping()),
                        "a model call that started nothing");
            } catch (Throwable e) {
                // Anything: libraries throw checked exceptions unchecked (an InterruptedException).
                running = CompletableFuture.failedFuture(e);
            }
            running.whenComplete((value, failure) -> {
                // Only calls that ran to an answer (or to the deadline, above, which counts it) pace the queue: a call
                // refused at once (circuit open, model not ready, nobody waiting) says nothing of the next one's time.
                if (failure == null && !result.isDone()) {
                    drain.ran(System.nanoTime() - started);
                }
                // The slot is free before anyone hears of the answer: a caller's next call, sent as soon as it does
                // (a digest's next part, a client's next request), must not find this one still counted.
                queue.finished(self[0]);
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(Futures.cause(failure));
                }
            });
        });
        FairQueue.Call queued = new FairQueue.Call(caller, work);
        self[0] = queued;
        if (!queue.offer(queued)) {
            return CompletableFuture.failedFuture(new ServiceException(Failure.OVERLOADED,
                    "All " + concurrency + " model slots are busy and the queue (" + queueLimit
                            + " calls, LLM_MAX_QUEUE; LLM_MAX_QUEUE_PER_KEY for one key) is full.", drainTime()));
        }
        ScheduledFuture<?> waiting = timers.schedule(() -> {
            // Only a call that is still waiting: one that got its slot is under the model's deadline.
            if (queue.withdraw(queued)) {
                result.completeExceptionally(new ServiceException(Failure.OVERLOADED, "All " + concurrency
                        + " model slots stayed busy for " + queueTimeout.toSeconds() + " s (LLM_QUEUE_TIMEOUT).",
                        drainTime()));
            }
        }, queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((value, failure) -> waiting.cancel(false));
        if (cancellation != null) {
            cancellation.onCancel(() -> {
                if (result.completeExceptionally(new CancellationException("nobody waits for this call any more"))) {
                    stop(queued);
                }
            });
        }
        // Whoever completed it (an event loop, a timer), what the caller does next runs on a worker.
        return Futures.settledOnWorker(result);
    }

    /**
     * Lets calls that outlived their request (the other part of a failed digest) finish within their deadline, then
     * stops. Requests in flight have already been drained by Quarkus's graceful shutdown.
     */
    @PreDestroy
    public void shutdown() throws InterruptedException {
        queue.close();
        // A call waits for a slot at most LLM_QUEUE_TIMEOUT, then runs at most LLM_TIMEOUT: by then each has run, or
        // failed.
        queue.awaitEmpty(queueTimeout.plus(timeout).toNanos());
        timers.shutdownNow();
        dispatcher.join(TimeUnit.SECONDS.toMillis(1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The Retry-After of a busy service: how long the calls admitted now take to run, from recent calls. */
    private Duration drainTime() {
        return drain.estimate(queue.waiting() + queue.running(), concurrency);
    }

    /** A call that nobody waits for any more: out of the queue, or stopped if it runs. */
    private void stop(FairQueue.Call call) {
        if (!queue.withdraw(call)) {
            call.stop();
        }
    }

    /** Gives each call its slot in turn and starts it, until the executor stops and the queue is empty. */
    private void dispatch() {
        while (!queue.drained()) {
            FairQueue.Call call;
            try {
                call = queue.take(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                continue;
            }
            if (call == null) {
                continue;
            }
            try {
                if (!call.start()) {
                    queue.finished(call);
                }
            } catch (RuntimeException e) {
                LOG.error("A model call could not be started", e);
                queue.finished(call);
            }
        }
    }

    /**
     * A model call: starts on the thread given, returns at once, and completes its future when the model has
     * answered.
     *
     * @param <T> what it makes of the answer
     */
    @FunctionalInterface
    public interface ModelCall<T> {

        /**
         * Starts the call.
         *
         * @param deadline when it must have answered
         * @param stop     fires when it is given up (its deadline, or nobody waiting any more): what it started stops
         */
        CompletionStage<T> start(Deadline deadline, Cancellation stop);
    }
}
