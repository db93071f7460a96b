package io.precis.task;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The moment by which a result must be written, fixed when its computation is queued: the one deadline of a model
 * call. Retries and the corrective turn all fit inside it, the executor stops the call when it passes, and the HTTP
 * exchange under the call takes its timeout from it ({@link #current()}).
 *
 * @param expiresAtNanos the {@link System#nanoTime()} at which it passes
 */
public record Deadline(long expiresAtNanos) {

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

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

    /** The deadline of the call running on this thread, for code that the call reaches through a library. */
    public static Optional<Deadline> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code call} on this thread with this as its {@link #current()} deadline. */
    public <T> T bound(Supplier<T> call) {
        Deadline outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
