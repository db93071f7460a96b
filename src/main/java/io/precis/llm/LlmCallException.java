package io.precis.llm;

import io.precis.problem.ProblemException;
import io.precis.problem.ProblemType;
import java.time.Duration;
import java.util.Map;

/**
 * A failed call to the language model, as the client will see it, with what the retry layer and the circuit breaker
 * need to know about it.
 */
public final class LlmCallException extends ProblemException {

    private final Duration requestedWait;
    private final String outcome;
    private final boolean retryable;
    private final boolean circuitFailure;

    /**
     * @param retryAfter     the Retry-After for the client, should this be the final failure
     * @param requestedWait  the wait the provider asked for with its own Retry-After, or null
     * @param outcome        a short name for metrics, such as {@code rate_limited}
     * @param retryable      whether another attempt may succeed and fits in the deadline
     * @param circuitFailure whether it says something about the provider's health (a rejected request does not)
     */
    public LlmCallException(ProblemType type, String detail, Duration retryAfter, Duration requestedWait, String outcome,
            boolean retryable, boolean circuitFailure) {
        super(type, detail, retryAfter, Map.of(), null);
        this.requestedWait = requestedWait;
        this.outcome = outcome;
        this.retryable = retryable;
        this.circuitFailure = circuitFailure;
    }

    Duration requestedWait() {
        return requestedWait;
    }

    String outcome() {
        return outcome;
    }

    boolean retryable() {
        return retryable;
    }

    boolean circuitFailure() {
        return circuitFailure;
    }
}
