package io.precis.llm;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.context.Context;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.task.Cancellation;
import io.precis.task.Deadline;
import io.precis.task.TextSink;
import io.precis.task.TokenUsage;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * A LangChain4j chat model behind the service's one retry layer and its circuit breaker (SmallRye Fault Tolerance),
 * with every failure turned into the one the client will see ({@link FailureClassifier}).
 *
 * <p>Transient failures (429, 5xx, a reset connection, an empty or malformed answer) are retried with exponential
 * backoff and jitter ({@link Backoff}), waiting at least as long as the provider's Retry-After, but only while that
 * wait (or the first backoff) fits in what is left of the call's deadline, which is the only clock a call has: a later,
 * longer backoff that runs past it ends in the deadline's 504. Quota exhaustion and other 4xx are never retried.
 * After repeated failures the circuit opens: calls fail at once with a 503 and no upstream call until a probe, after
 * {@code LLM_CIRCUIT_DELAY}, succeeds.
 *
 * <p>A provider over the network is called through its streaming API ({@link StreamingBridge}), and the retries wait on
 * a timer: no thread waits for the model. A model that runs in this process computes on a thread of its own, which is
 * interrupted when the call is stopped.
 */
final class GuardedChatModel {

    private static final Logger LOG = Logger.getLogger(GuardedChatModel.class);

    private final ModelRef model;
    private final StreamingChatModel streaming;
    private final Executor computing;
    private final LlmConfig config;
    private final LlmTelemetry telemetry;
    private final FailureClassifier classifier;
    private final TypedGuard<CompletionStage<ChatResponse>> guard;
    private volatile CircuitBreakerState circuit = CircuitBreakerState.CLOSED;
    private volatile long circuitOpenedAt;

    /**
     * @param streaming the model, through the provider's streaming API
     * @param computing where a model that computes on the calling thread runs (one in this process), or null for a
     *                  model over the network, whose streaming API returns at once
     */
    GuardedChatModel(ModelRef model, StreamingChatModel streaming, Executor computing, LlmConfig config,
            LlmTelemetry telemetry) {
        this.model = model;
        this.streaming = streaming;
        this.computing = computing;
        this.config = config;
        this.telemetry = telemetry;
        this.classifier = new FailureClassifier(who(model), config.retry().after(), config.retry().delay(),
                config.timeout());
        LlmConfig.Retry retry = config.retry();
        LlmConfig.Circuit breaker = config.circuit();
        this.guard = TypedGuard.create(new TypeLiteral<CompletionStage<ChatResponse>>() { })
                // An attempt starts on the thread that asks for it, and returns at once.
                .withThreadOffload(false)
                .withRetry()
                .maxRetries(retry.maxRetries())
                .delay(retry.delay().toMillis(), ChronoUnit.MILLIS)
                // The deadline bounds the retries (a failure is retryable only while the wait fits in it), not a
                // clock of the retry layer's own.
                .maxDuration(0, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .whenException(e -> e instanceof ModelCallException failure && failure.retryable())
                .beforeRetry(e -> {
                    telemetry.retry(model);
                    LOG.debugf("Retrying %s call after: %s", model.provider(), e.getMessage());
                })
                .withCustomBackoff().strategy(() -> new Backoff(retry.delay(), retry.maxDelay())).done()
                .done()
                .withCircuitBreaker()
                .name("llm-" + model.provider())
                .requestVolumeThreshold(breaker.requestVolume())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .when(e -> !(e instanceof ModelCallException failure) || failure.circuitFailure())
                .onStateChange(this::circuitChanged)
                .done()
                .build();
        telemetry.gauge("precis.llm.circuit.state", "Circuit breaker to the model: 0 closed, 1 open, 2 half-open",
                Tags.of("provider", model.provider(), "model", model.name()), this, g -> g.circuit.ordinal());
    }

    /**
     * Calls the model, retrying transient failures within the deadline. The text goes to {@code sink} as it comes; a
     * retry first tells the sink to restart.
     *
     * @param stop gives the call up: the attempt under way ends at once, and no other starts
     * @return the answer; or a {@link ServiceException}, what the client should see when no attempt succeeded
     */
    CompletableFuture<ChatResponse> chat(ChatRequest request, Deadline deadline, Cancellation stop, String task,
            TextSink sink) {
        Attempts attempts = new Attempts(sink);
        CompletionStage<ChatResponse> guarded;
        try {
            // A retry starts on the retry layer's timer: it must still belong to the request's trace.
            guarded = guard.get(Context.current().wrapSupplier(() -> telemetry.call(model, task, () -> {
                attempts.begin();
                return Futures.settled(attempt(request, deadline, stop, attempts)
                        .thenApply(response -> checked(response, deadline)));
            }, e -> e instanceof ModelCallException failure ? failure.outcome() : "error")));
        } catch (RuntimeException e) {
            guarded = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ChatResponse> answer = Futures.settled(guarded).exceptionallyCompose(failure -> {
            Throwable cause = Futures.cause(failure);
            if (cause instanceof CircuitBreakerOpenException) {
                Duration wait = config.circuit().delay().minusNanos(System.nanoTime() - circuitOpenedAt);
                return CompletableFuture.failedFuture(new ServiceException(Failure.MODEL_UNAVAILABLE, who(model)
                        + " failed repeatedly; calls are suspended (circuit open) and will be tried again shortly.",
                        wait.isNegative() ? Duration.ofSeconds(1) : wait));
            }
            return CompletableFuture.failedFuture(cause);
        });
        if (computing == null) {
            // Stopped while it waits to retry, nothing is under way to fail it: it ends now, not when the wait does
            // (an attempt under way is reset by its own stop). A model in this process is waited for: its slot is
            // free only once it has stopped computing.
            stop.onCancel(() -> answer.completeExceptionally(classifier.stopped(deadline)));
        }
        return answer;
    }

    /** One attempt, its HTTP exchange bounded by the call's deadline; fails with what the client should see. */
    private CompletableFuture<ChatResponse> attempt(ChatRequest request, Deadline deadline, Cancellation stop,
            TextSink sink) {
        if (stop.isCancelled()) {
            return CompletableFuture.failedFuture(classifier.stopped(deadline));
        }
        CompletableFuture<ChatResponse> answer;
        if (computing == null) {
            // Deadline.current() is read by the transport as the exchange starts, on this thread.
            answer = deadline.bound(() -> StreamingBridge.start(streaming, request, sink, stop));
        } else {
            // Its streaming API computes the answer before it returns.
            answer = computed(() -> deadline.bound(() -> StreamingBridge.start(streaming, request, sink, stop).join()),
                    stop);
        }
        return Futures.settled(answer).exceptionallyCompose(failure -> {
            Throwable cause = Futures.cause(failure);
            if (cause instanceof ModelCallException) {
                return CompletableFuture.failedFuture(cause);
            }
            if (stop.isCancelled()) {
                return CompletableFuture.failedFuture(classifier.stopped(deadline));
            }
            RuntimeException raised = cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(cause);
            ModelCallException classified = classifier.classify(raised, deadline);
            LOG.warnf("%s call failed: %s (%s)", model.provider(), classified.detail(),
                    FailureClassifier.describe(raised));
            return CompletableFuture.failedFuture(classified);
        });
    }

    /** Runs a model that computes on the calling thread on a thread of its own, interrupted when the call stops. */
    private CompletableFuture<ChatResponse> computed(Supplier<ChatResponse> work, Cancellation stop) {
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        computing.execute(() -> {
            Thread self = Thread.currentThread();
            AtomicBoolean running = new AtomicBoolean(true);
            stop.onCancel(() -> {
                synchronized (running) {
                    if (running.get()) {
                        self.interrupt();
                    }
                }
            });
            ChatResponse response = null;
            Throwable failure = null;
            try {
                response = work.get();
            } catch (Throwable e) {
                failure = Futures.cause(e);
            } finally {
                synchronized (running) {
                    running.set(false);
                    // An interrupt meant for this call must not reach what follows on this thread, nor its next call.
                    Thread.interrupted();
                }
            }
            if (failure == null) {
                result.complete(response);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /** Refuses an answer without a usable message, retryably: the next answer may be fine. */
    private ChatResponse checked(ChatResponse response, Deadline deadline) {
        boolean retryable = deadline.allows(config.retry().delay());
        if (response == null || response.aiMessage() == null) {
            throw classifier.badOutput(who(model) + " sent a response without a message.", retryable);
        }
        if (response.finishReason() == null) {
            // The stream ended without saying why: a proxy or the provider cut it, and the text is incomplete.
            throw classifier.badOutput(who(model) + " ended its answer before finishing it.", retryable);
        }
        String text = response.aiMessage().text();
        if ((text == null || text.isBlank()) && response.finishReason() != FinishReason.CONTENT_FILTER
                && response.finishReason() != FinishReason.LENGTH) {
            throw classifier.badOutput(who(model) + " sent an empty answer.", retryable);
        }
        telemetry.tokens(model, usage(response));
        return response;
    }

    static TokenUsage usage(ChatResponse response) {
        var usage = response.tokenUsage();
        return usage == null ? null
                : new TokenUsage(usage.inputTokenCount(), usage.outputTokenCount(), usage.totalTokenCount());
    }

    private static String who(ModelRef model) {
        return "The language model (" + model.provider() + ", " + model.name() + ")";
    }

    private void circuitChanged(CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            circuitOpenedAt = System.nanoTime();
            LOG.warnf("Circuit to %s %s opened after repeated failures; calls fail fast for %s", model.provider(),
                    model.name(), config.circuit().delay());
        } else if (state == CircuitBreakerState.CLOSED && circuit != CircuitBreakerState.CLOSED) {
            LOG.infof("Circuit to %s %s closed again", model.provider(), model.name());
        }
        circuit = state;
    }

    /** Passes text on, and tells the sink to restart when an attempt follows one that had already written some. */
    private static final class Attempts implements TextSink {

        private final TextSink out;
        private boolean wrote;

        Attempts(TextSink out) {
            this.out = out;
        }

        synchronized void begin() {
            if (wrote) {
                out.restart();
                wrote = false;
            }
        }

        @Override
        public synchronized void text(String delta) {
            if (delta != null && !delta.isEmpty()) {
                wrote = true;
                out.text(delta);
            }
        }

        @Override
        public synchronized void restart() {
            wrote = false;
            out.restart();
        }
    }
}
