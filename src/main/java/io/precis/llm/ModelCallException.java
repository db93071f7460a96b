package io.precis.llm;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import java.time.Duration;

/**
 * A failed call to the language model, as the client will see it, with what the retry layer and the circuit breaker
 * need to know about it.
 */
public final class ModelCallException extends ServiceException {

    private final transient Duration requestedWait;
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
    public ModelCallException(Failure failure, String detail, Duration retryAfter, Duration requestedWait,
            String outcome, boolean retryable, boolean circuitFailure) {
        super(failure, detail, retryAfter);
        this.requestedWait = requestedWait;
        this.outcome = outcome;
        this.retryable = retryable;
        this.circuitFailure = circuitFailure;
    }

    /** The wait the provider asked for, or null. */
    Duration requestedWait() {
        return requestedWait;
    }

    /** The outcome's name in metrics. */
    String outcome() {
        return outcome;
    }

    /** Whether another attempt may succeed within the deadline. */
    boolean retryable() {
        return retryable;
    }

    /** Whether it counts against the provider's health in the circuit breaker. */
    boolean circuitFailure() {
        return circuitFailure;
    }
}
