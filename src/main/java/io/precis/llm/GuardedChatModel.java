package io.precis.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import io.micrometer.core.instrument.Tags;
import io.precis.problem.ProblemException;
import io.precis.problem.ProblemType;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * A LangChain4j chat model behind the service's one retry layer and its circuit breaker (SmallRye Fault Tolerance),
 * with every failure turned into the problem the client will see.
 *
 * <p>Transient failures (429, 5xx, a reset connection, an empty or malformed answer) are retried with exponential
 * backoff and jitter, waiting at least as long as the provider's Retry-After, but only while the wait fits in the
 * deadline. Quota exhaustion and other 4xx are never retried. After repeated failures the circuit opens: calls fail
 * at once with a 503 and no upstream call until a probe, after {@code LLM_CIRCUIT_DELAY}, succeeds.
 */
final class GuardedChatModel {

    private static final Logger LOG = Logger.getLogger(GuardedChatModel.class);

    private final ModelRef model;
    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final LlmConfig config;
    private final LlmTelemetry telemetry;
    private final TypedGuard<ChatResponse> guard;
    private volatile CircuitBreakerState circuit = CircuitBreakerState.CLOSED;
    private volatile long circuitOpenedAt;

    /**
     * @param streaming the same model through the provider's streaming API, or null when it has none: text is then
     *                  passed on whole when the call is done
     */
    GuardedChatModel(ModelRef model, ChatModel chat, StreamingChatModel streaming, LlmConfig config,
            LlmTelemetry telemetry) {
        this.model = model;
        this.chat = chat;
        this.streaming = streaming;
        this.config = config;
        this.telemetry = telemetry;
        this.guard = TypedGuard.create(ChatResponse.class)
                .withRetry()
                .maxRetries(config.maxRetries())
                .delay(config.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(config.timeout().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .whenException(e -> e instanceof LlmCallException failure && failure.retryable())
                .beforeRetry(e -> {
                    telemetry.retry(model);
                    LOG.debugf("Retrying %s call after: %s", model.provider(), e.getMessage());
                })
                .withCustomBackoff().strategy(() -> new Backoff(config.retryDelay(), config.retryMaxDelay())).done()
                .done()
                .withCircuitBreaker()
                .name("llm-" + model.provider())
                .requestVolumeThreshold(config.circuitRequestVolume())
                .failureRatio(config.circuitFailureRatio())
                .delay(config.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .when(e -> !(e instanceof LlmCallException failure) || failure.circuitFailure())
                .onStateChange(this::circuitChanged)
                .done()
                .build();
        telemetry.gauge("precis.llm.circuit.state", "Circuit breaker to the model: 0 closed, 1 open, 2 half-open",
                Tags.of("provider", model.provider(), "model", model.name()), this, guarded -> guarded.circuit.ordinal());
    }

    /** The circuit breaker's state: closed, open or half-open. */
    CircuitBreakerState circuit() {
        return circuit;
    }

    /**
     * Calls the model, retrying transient failures within the deadline.
     *
     * @throws ProblemException what the client should see when no attempt succeeded
     */
    ChatResponse chat(ChatRequest request, Deadline deadline, String task) {
        return chat(request, deadline, task, TextSink.NONE);
    }

    /**
     * Calls the model through its streaming API, passing the text on to {@code sink} as it arrives; a retry first
     * tells the sink to restart.
     *
     * @throws ProblemException what the client should see when no attempt succeeded
     */
    ChatResponse chat(ChatRequest request, Deadline deadline, String task, TextSink sink) {
        Attempts attempts = new Attempts(sink);
        try {
            return guard.get(() -> telemetry.call(model, task, () -> {
                attempts.begin();
                if (streaming != null && sink != TextSink.NONE) {
                    return checked(attemptStreaming(request, deadline, attempts), deadline);
                }
                ChatResponse response = checked(attempt(request, deadline), deadline);
                attempts.text(response.aiMessage().text());
                return response;
            }, e -> e instanceof LlmCallException failure ? failure.outcome() : "error"));
        } catch (CircuitBreakerOpenException e) {
            Duration wait = config.circuitDelay().minusNanos(System.nanoTime() - circuitOpenedAt);
            throw new ProblemException(ProblemType.LLM_UNAVAILABLE, who() + " failed repeatedly; calls are"
                    + " suspended (circuit open) and will be tried again shortly.",
                    wait.isNegative() ? Duration.ofSeconds(1) : wait);
        }
    }

    private ChatResponse attempt(ChatRequest request, Deadline deadline) {
        try {
            return chat.chat(request);
        } catch (LlmCallException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(e, deadline);
        }
    }

    /**
     * One call through the streaming API, waited for on this thread like a blocking call, so that the bulkhead,
     * deadline and retries treat both alike. An interrupt (the deadline, or the last client gone) stops the stream:
     * at once once the first text has arrived, which hands over the stream's handle, otherwise at the first text.
     */
    private ChatResponse attemptStreaming(ChatRequest request, Deadline deadline, TextSink sink) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            streaming.chat(request, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                    handle.set(context.streamingHandle());
                    if (stop.get()) {
                        context.streamingHandle().cancel();
                    } else if (!done.isDone()) {
                        sink.text(partial.text());
                    }
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    done.completeExceptionally(error);
                }
            });
            ChatResponse response = done.get();
            if (response != null && response.finishReason() == null) {
                // The stream ended without saying why: a proxy or the provider cut it, and the text is incomplete.
                throw new LlmCallException(ProblemType.LLM_BAD_OUTPUT, who() + " ended its answer before finishing"
                        + " it.", null, null, "bad_output", deadline.allows(config.retryDelay()), true);
            }
            return response;
        } catch (InterruptedException e) {
            stop.set(true);
            StreamingHandle running = handle.get();
            if (running != null) {
                running.cancel();
            }
            Thread.currentThread().interrupt();
            throw failed(new IllegalStateException("Interrupted while streaming", e), deadline);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LlmCallException failure) {
                throw failure;
            }
            throw failed(cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause),
                    deadline);
        } catch (LlmCallException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(e, deadline);
        }
    }

    private LlmCallException failed(RuntimeException e, Deadline deadline) {
        LlmCallException failure = translate(e, deadline);
        LOG.warnf("%s call failed: %s (%s)", model.provider(), failure.detail(), describe(e));
        return failure;
    }

    /** Refuses a response without a usable message, retryably: the next answer may be fine. */
    private ChatResponse checked(ChatResponse response, Deadline deadline) {
        if (response == null || response.aiMessage() == null) {
            throw new LlmCallException(ProblemType.LLM_BAD_OUTPUT, who() + " sent a response without a message.",
                    null, null, "bad_output", deadline.allows(config.retryDelay()), true);
        }
        String text = response.aiMessage().text();
        if ((text == null || text.isBlank()) && response.finishReason() != FinishReason.CONTENT_FILTER
                && response.finishReason() != FinishReason.LENGTH) {
            throw new LlmCallException(ProblemType.LLM_BAD_OUTPUT, who() + " sent an empty answer.", null, null,
                    "bad_output", deadline.allows(config.retryDelay()), true);
        }
        telemetry.tokens(model, usage(response));
        return response;
    }

    static TokenUsage usage(ChatResponse response) {
        var usage = response.tokenUsage();
        return usage == null ? null
                : new TokenUsage(usage.inputTokenCount(), usage.outputTokenCount(), usage.totalTokenCount());
    }

    /** Turns a provider failure into the problem the client sees; the provider's own words go nowhere. */
    private LlmCallException translate(RuntimeException e, Deadline deadline) {
        HttpException http = cause(e, HttpException.class);
        Duration asked = http instanceof UpstreamHttpException upstream ? upstream.retryAfter().orElse(null) : null;
        Duration retryAfter = asked != null ? asked : config.retryAfter();
        boolean fits = deadline.allows(asked != null ? asked : config.retryDelay());
        String who = who();
        if (cause(e, InterruptedException.class) != null) {
            // Nobody reads this answer any more: its deadline passed (the client has its 504), or every client
            // waiting for it left.
            boolean expired = deadline.remaining().isNegative() || deadline.remaining().isZero();
            return new LlmCallException(ProblemType.LLM_TIMEOUT, who + (expired ? " was cancelled at the deadline."
                    : " was cancelled: every client waiting for it left."), null, null,
                    expired ? "timeout" : "cancelled", false, expired);
        }
        if (e instanceof TimeoutException) {
            return new LlmCallException(ProblemType.LLM_TIMEOUT, who + " did not answer within "
                    + config.timeout().toSeconds() + " s (LLM_TIMEOUT).", null, null, "timeout", false, true);
        }
        if (e instanceof RateLimitException) {
            if (isQuotaExhausted(http)) {
                return new LlmCallException(ProblemType.LLM_UNAVAILABLE, who + " refuses calls: this service's"
                        + " quota is exhausted (HTTP 429). The operator must raise it.", retryAfter, asked, "quota", false,
                        true);
            }
            return new LlmCallException(ProblemType.LLM_UNAVAILABLE, who + " is rate-limiting this service (HTTP"
                    + " 429).", retryAfter, asked, "rate_limited", fits, true);
        }
        if (e instanceof AuthenticationException) {
            return new LlmCallException(ProblemType.LLM_UNAVAILABLE, who + " refused the service's credentials (HTTP "
                    + status(http) + "); the operator should check LLM_API_KEY.", retryAfter, asked, "unavailable", false,
                    true);
        }
        if (e instanceof ModelNotFoundException) {
            return new LlmCallException(ProblemType.LLM_UNAVAILABLE, who + " does not know this model (HTTP 404); the"
                    + " operator should check LLM_MODEL and LLM_BASE_URL.", retryAfter, asked, "unavailable", false, true);
        }
        if (e instanceof UnresolvedModelServerException || cause(e, UnresolvedAddressException.class) != null) {
            return new LlmCallException(ProblemType.LLM_UNAVAILABLE, who + " cannot be found at LLM_BASE_URL.",
                    retryAfter, asked, "unavailable", false, true);
        }
        if (cause(e, ConnectException.class) != null) {
            return new LlmCallException(ProblemType.LLM_UNAVAILABLE, who + " cannot be reached at LLM_BASE_URL.",
                    retryAfter, asked, "unavailable", fits, true);
        }
        if (e instanceof InternalServerException && http != null) {
            return new LlmCallException(ProblemType.LLM_UNAVAILABLE, who + " failed (HTTP " + status(http) + ").",
                    retryAfter, asked, "unavailable", fits, true);
        }
        if (e instanceof ContentFilteredException) {
            return new LlmCallException(ProblemType.LLM_REJECTED, who + " refused to answer (content filter).", null, null,
                    "rejected", false, false);
        }
        if (e instanceof InvalidRequestException) {
            return new LlmCallException(ProblemType.LLM_REJECTED, who + " rejected the request (HTTP " + status(http)
                    + "), for example because the article exceeds its context.", null, null, "rejected", false, false);
        }
        if (cause(e, JsonProcessingException.class) != null || e instanceof InternalServerException
                || isParsingFailure(cause(e, NullPointerException.class))) {
            return new LlmCallException(ProblemType.LLM_BAD_OUTPUT, who + " sent a malformed response.", null, null,
                    "bad_output", fits, true);
        }
        if (cause(e, java.io.IOException.class) != null) {
            return new LlmCallException(ProblemType.LLM_UNAVAILABLE, who + " connection failed.", retryAfter,
                    asked, "unavailable", fits, true);
        }
        return new LlmCallException(ProblemType.LLM_BAD_OUTPUT, who + " call failed unexpectedly.", null, null, "error",
                false, true);
    }

    private String who() {
        return "The language model (" + model.provider() + ", " + model.name() + ")";
    }

    private void circuitChanged(CircuitBreakerState state) {
        if (state == CircuitBreakerState.OPEN) {
            circuitOpenedAt = System.nanoTime();
            LOG.warnf("Circuit to %s %s opened after repeated failures; calls fail fast for %s", model.provider(),
                    model.name(), config.circuitDelay());
        } else if (state == CircuitBreakerState.CLOSED && circuit != CircuitBreakerState.CLOSED) {
            LOG.infof("Circuit to %s %s closed again", model.provider(), model.name());
        }
        circuit = state;
    }

    /** OpenAI's code for an exhausted quota, as opposed to a passing rate limit. */
    private static boolean isQuotaExhausted(HttpException http) {
        String body = http == null || http.getMessage() == null ? "" : http.getMessage().toLowerCase(Locale.ROOT);
        return body.contains("insufficient_quota") || body.contains("quota_exceeded");
    }

    /** A null pointer inside LangChain4j's response mapping means a response missing a required part. */
    private static boolean isParsingFailure(NullPointerException e) {
        return e != null && e.getStackTrace().length > 0
                && e.getStackTrace()[0].getClassName().startsWith("dev.langchain4j.");
    }

    private static String status(HttpException http) {
        return http == null ? "?" : String.valueOf(http.statusCode());
    }

    /** The exception chain's classes, and an HTTP status, for the log; never for the client. */
    private static String describe(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null && chain.length() < 400; t = t.getCause()) {
            if (!chain.isEmpty()) {
                chain.append(" <- ");
            }
            chain.append(t.getClass().getSimpleName());
            if (t instanceof HttpException http) {
                chain.append(" ").append(http.statusCode());
            }
        }
        return chain.toString();
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /**
     * Exponential backoff with equal jitter (half fixed, half random), never shorter than the provider's Retry-After.
     * One instance per guarded call, so it counts that call's attempts.
     */
    static final class Backoff implements CustomBackoffStrategy {

        private final Duration first;
        private final Duration max;
        private int attempt;

        Backoff(Duration first, Duration max) {
            this.first = first;
            this.max = max;
        }

        @Override
        public long nextDelayInMillis(Throwable exception) {
            long exponential = Math.min(max.toMillis(), first.toMillis() << Math.min(attempt++, 20));
            long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
            long asked = exception instanceof LlmCallException failure && failure.requestedWait() != null
                    ? failure.requestedWait().toMillis() : 0;
            return Math.max(jittered, asked);
        }
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
