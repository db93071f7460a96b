package io.precis.llm;

import java.time.Duration;

/**
 * How long the model's queue takes to drain, from how long recent calls took: the Retry-After of a 503 for a busy
 * service, so that a client comes back when its call could get a slot rather than after a fixed guess. Until a call
 * has run, the configured {@code LLM_RETRY_AFTER} stands in.
 */
final class QueueDrain {

    /** The latest call's weight in the running mean: recent calls count most, and one outlier does not dominate. */
    private static final double WEIGHT = 0.2;
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private final Duration unknown;
    private final Duration longest;
    private double meanCallNanos = -1;

    /**
     * @param unknown the answer before any call has run
     * @param longest the longest answer: after {@code LLM_QUEUE_TIMEOUT + LLM_TIMEOUT}, every call queued now has
     *                run or been refused
     */
    QueueDrain(Duration unknown, Duration longest) {
        this.unknown = unknown;
        this.longest = longest;
    }

    /** A call ran on the model for this long (whether it succeeded or not). */
    synchronized void ran(long nanos) {
        meanCallNanos = meanCallNanos < 0 ? nanos : meanCallNanos + WEIGHT * (nanos - meanCallNanos);
    }

    /**
     * Whole seconds until the calls admitted now have run, {@code slots} at a time: at least 1 s, at most the
     * longest.
     */
    synchronized Duration estimate(int admitted, int slots) {
        if (meanCallNanos < 0) {
            return unknown;
        }
        double nanos = meanCallNanos * Math.max(1, admitted) / Math.max(1, slots);
        Duration estimate = Duration.ofSeconds((long) Math.ceil(nanos / 1e9));
        if (estimate.compareTo(SHORTEST) < 0) {
            return SHORTEST;
        }
        return estimate.compareTo(longest) > 0 ? longest : estimate;
    }
}
