package io.precis.llm;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with equal jitter (half fixed, half random), never shorter than the provider's Retry-After. One
 * instance per guarded call, so that it counts that call's attempts.
 */
final class Backoff implements CustomBackoffStrategy {

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
        long asked = exception instanceof ModelCallException failure && failure.requestedWait() != null
                ? failure.requestedWait().toMillis() : 0;
        return Math.max(jittered, asked);
    }
}
