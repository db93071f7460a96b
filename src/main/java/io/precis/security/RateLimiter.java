package io.precis.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket per client: {@code RATE_LIMIT_BURST} requests at once, refilled at {@code RATE_LIMIT_PER_MINUTE}.
 * Buckets live in this pod's memory, so with N replicas a client may get up to N times the rate; idle buckets are
 * forgotten after ten minutes, which bounds the memory they take.
 */
@ApplicationScoped
public class RateLimiter {

    private final double tokensPerNano;
    private final int capacity;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    public RateLimiter(RateLimitConfig config) {
        this.tokensPerNano = config.perMinute() / 60e9;
        this.capacity = Math.max(1, config.burst());
    }

    /** Whether limits apply at all. */
    public boolean enabled() {
        return tokensPerNano > 0;
    }

    /**
     * Takes one request from a client's bucket.
     *
     * @return empty when the request may go on, or how long the client should wait
     */
    public Optional<Duration> acquire(String client) {
        return buckets.get(client, id -> new Bucket(capacity, System.nanoTime())).take(tokensPerNano, capacity);
    }

    /** Forgets every client's bucket, as a restart would. */
    public void forgetAll() {
        buckets.invalidateAll();
    }

    /** One client's tokens. */
    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Optional<Duration> take(double perNano, int capacity) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
        }
    }
}
