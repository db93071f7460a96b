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
import io.precis.core.Failure;
import io.precis.task.Deadline;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns whatever a provider call threw into the failure the client sees, and says whether another attempt may help and
 * whether it counts against the provider's health. A pure function of the exception, the deadline and the settings:
 * the provider's own words (its error body) go nowhere but into the decision between a passing rate limit and an
 * exhausted quota.
 */
final class FailureClassifier {

    private final String who;
    private final Duration defaultRetryAfter;
    private final Duration retryDelay;
    private final Duration timeout;

    /**
     * @param who               the model as clients read it, such as "The language model (openai, gpt-4o-mini)"
     * @param defaultRetryAfter the Retry-After for clients when the provider gave none ({@code LLM_RETRY_AFTER})
     * @param retryDelay        the first backoff: a retry must leave at least this much of the deadline
     * @param timeout           the deadline's length, for messages ({@code LLM_TIMEOUT})
     */
    FailureClassifier(String who, Duration defaultRetryAfter, Duration retryDelay, Duration timeout) {
        this.who = who;
        this.defaultRetryAfter = defaultRetryAfter;
        this.retryDelay = retryDelay;
        this.timeout = timeout;
    }

    /**
     * A call given up because nobody reads its answer any more: its deadline passed (the client has its 504), or every
     * client waiting for it left. Never retried; only a deadline counts against the circuit.
     */
    ModelCallException stopped(Deadline deadline) {
        boolean expired = deadline.remaining().isNegative() || deadline.remaining().isZero();
        return new ModelCallException(Failure.MODEL_TIMEOUT, who + (expired ? " was cancelled at the deadline."
                : " was cancelled: every client waiting for it left."), null, null,
                expired ? "timeout" : "cancelled", false, expired);
    }

    /** What a failed call means for the client, the retry layer and the circuit breaker. */
    ModelCallException classify(RuntimeException e, Deadline deadline) {
        if (e instanceof ModelCallException known) {
            return known;
        }
        HttpException http = cause(e, HttpException.class);
        Duration asked = http instanceof UpstreamHttpException upstream ? upstream.retryAfter().orElse(null) : null;
        Duration retryAfter = asked != null ? asked : defaultRetryAfter;
        boolean fits = deadline.allows(asked != null ? asked : retryDelay);
        if (cause(e, InterruptedException.class) != null) {
            return stopped(deadline);
        }
        if (cause(e, TimeoutException.class) != null) {
            return new ModelCallException(Failure.MODEL_TIMEOUT, who + " did not answer within "
                    + timeout.toSeconds() + " s (LLM_TIMEOUT).", null, null, "timeout", false, true);
        }
        if (e instanceof RateLimitException) {
            if (isQuotaExhausted(http)) {
                return unavailable(who + " refuses calls: this service's quota is exhausted (HTTP 429). The"
                        + " operator must raise it.", retryAfter, asked, "quota", false);
            }
            return unavailable(who + " is rate-limiting this service (HTTP 429).", retryAfter, asked, "rate_limited",
                    fits);
        }
        if (e instanceof AuthenticationException) {
            return unavailable(who + " refused the service's credentials (HTTP " + status(http) + "); the operator"
                    + " should check LLM_API_KEY.", retryAfter, asked, "unavailable", false);
        }
        if (e instanceof ModelNotFoundException) {
            return unavailable(who + " does not know this model (HTTP 404); the operator should check LLM_MODEL and"
                    + " LLM_BASE_URL.", retryAfter, asked, "unavailable", false);
        }
        if (e instanceof UnresolvedModelServerException || cause(e, UnresolvedAddressException.class) != null
                || cause(e, UnknownHostException.class) != null) {
            return unavailable(who + " cannot be found at LLM_BASE_URL.", retryAfter, asked, "unavailable", false);
        }
        if (cause(e, ConnectException.class) != null) {
            return unavailable(who + " cannot be reached at LLM_BASE_URL.", retryAfter, asked, "unavailable", fits);
        }
        if (e instanceof InternalServerException && http != null) {
            return unavailable(who + " failed (HTTP " + status(http) + ").", retryAfter, asked, "unavailable", fits);
        }
        if (e instanceof ContentFilteredException) {
            return new ModelCallException(Failure.MODEL_REJECTED, who + " refused to answer (content filter).", null,
                    null, "rejected", false, false);
        }
        if (e instanceof InvalidRequestException) {
            return new ModelCallException(Failure.MODEL_REJECTED, who + " rejected the request (HTTP " + status(http)
                    + "), for example because the article exceeds its context.", null, null, "rejected", false,
                    false);
        }
        if (cause(e, JsonProcessingException.class) != null || e instanceof InternalServerException
                || isParsingFailure(cause(e, NullPointerException.class))) {
            return badOutput(who + " sent a malformed response.", fits);
        }
        if (cause(e, AnswerTooLargeException.class) != null) {
            // The same provider would write the same again: no retry.
            return badOutput(who + " sent an answer far longer than its output budget allows; it was cut off.",
                    false);
        }
        if (cause(e, IOException.class) != null) {
            return unavailable(who + " connection failed.", retryAfter, asked, "unavailable", fits);
        }
        return new ModelCallException(Failure.MODEL_BAD_OUTPUT, who + " call failed unexpectedly.", null, null,
                "error", false, true);
    }

    /** An answer that cannot be used as it came; another attempt may bring a good one. */
    ModelCallException badOutput(String detail, boolean retryable) {
        return new ModelCallException(Failure.MODEL_BAD_OUTPUT, detail, null, null, "bad_output", retryable, true);
    }

    private static ModelCallException unavailable(String detail, Duration retryAfter, Duration asked, String outcome,
            boolean retryable) {
        return new ModelCallException(Failure.MODEL_UNAVAILABLE, detail, retryAfter, asked, outcome, retryable, true);
    }

    /**
     * OpenAI's codes for an exhausted quota, as opposed to a passing rate limit: both are HTTP 429, and only the body
     * tells them apart.
     */
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

    /** The first exception of a type in a chain of causes. */
    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
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

    /** The exception chain's classes, and an HTTP status, for the log; never for the client. */
    static String describe(Throwable e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null && chain.length() < 400; t = t.getCause()) {
            if (!chain.isEmpty()) {
                chain.append(" <- ");
            }
            chain.append(t.getClass().getSimpleName());
            if (t instanceof HttpException http) {
                chain.append(" ").append(http.statusCode());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return chain.toString();
    }
}
