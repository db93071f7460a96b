package io.precis.problem;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Logs unexpected failures within a budget: {@value #BURST} with their stack traces, then one a second on average.
 * A client that finds a way to make the service fail must not be able to flood the logs with it; the failures that
 * go unlogged are counted, and the count is given with the next one logged.
 */
final class FailureLog {

    /** How many may be logged in a burst. */
    static final int BURST = 20;
    private static final long REFILL_NANOS = 1_000_000_000L;

    private final Logger log;
    private final LongSupplier clock;
    private final AtomicLong suppressed = new AtomicLong();
    private double tokens = BURST;
    private long refilledAt;

    FailureLog(Logger log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
        this.refilledAt = clock.getAsLong();
    }

    /** Logs the failure under its errorId, or counts it when the budget is spent. */
    void unexpected(Throwable failure, String path, String errorId) {
        if (!take()) {
            suppressed.incrementAndGet();
            return;
        }
        long unlogged = suppressed.getAndSet(0);
        if (unlogged == 0) {
            log.errorf(failure, "Unexpected failure on %s (errorId %s)", path, errorId);
        } else {
            log.errorf(failure, "Unexpected failure on %s (errorId %s); %d more were not logged, to keep within the"
                    + " log budget", path, errorId, unlogged);
        }
    }

    private synchronized boolean take() {
        long now = clock.getAsLong();
        tokens = Math.min(BURST, tokens + (now - refilledAt) / (double) REFILL_NANOS);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
