package io.precis.llm;

import java.time.Duration;

/**
 * The moment by which a result must be written, fixed when its computation is queued. Retries and the corrective turn
 * all fit inside it.
 *
 * @param expiresAtNanos the {@link System#nanoTime()} at which it passes
 */
public record Deadline(long expiresAtNanos) {

    /** A deadline this far from now. */
    public static Deadline in(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** Time left; zero or negative once passed. */
    public Duration remaining() {
        return Duration.ofNanos(expiresAtNanos - System.nanoTime());
    }

    /** Whether a wait of this length still leaves time for another attempt. */
    public boolean allows(Duration wait) {
        return remaining().compareTo(wait) > 0;
    }
}
