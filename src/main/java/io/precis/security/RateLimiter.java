package io.precis.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets per client: requests, {@code RATE_LIMIT_BURST} at once, refilled at {@code RATE_LIMIT_PER_MINUTE};
 * and failed API key attempts per client address, {@code RATE_LIMIT_FAILED_KEYS_PER_MINUTE}, so that keys cannot be
 * guessed at the speed of the network. Buckets live in this pod's memory, so with N replicas a client may get up to N
 * times the rate; idle buckets are forgotten after ten minutes, which bounds the memory they take.
 */
@ApplicationScoped
public class RateLimiter {

    private final Buckets requests;
    private final Buckets failedKeys;

    public RateLimiter(RateLimitConfig config) {
        this.requests = new Buckets(config.perMinute(), config.burst());
        this.failedKeys = new Buckets(config.failedKeysPerMinute(), config.failedKeysPerMinute());
    }

    /** Whether request limits apply at all. */
    public boolean enabled() {
        return requests.enabled();
    }

    /**
     * Takes one request from a client's bucket.
     *
     * @return empty when the request may go on, or how long the client should wait
     */
    public Optional<Duration> acquire(String client) {
        return requests.take(client);
    }

    /**
     * How long a client address must wait before it may present an API key again, after too many wrong ones; empty
     * when it may now.
     */
    public Optional<Duration> keyAttemptsBarred(String address) {
        return failedKeys.waitFor(address);
    }

    /** Counts a wrong API key presented from a client address. */
    public void keyFailed(String address) {
        failedKeys.take(address);
    }

    /** Forgets every client's buckets, as a restart would. */
    public void forgetAll() {
        requests.forgetAll();
        failedKeys.forgetAll();
    }

    /** One bucket per client, all with the same rate and capacity. */
    private static final class Buckets {

        private final double tokensPerNano;
        private final int capacity;
        private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(100_000)
                .build();

        Buckets(int perMinute, int capacity) {
            this.tokensPerNano = perMinute / 60e9;
            this.capacity = Math.max(1, capacity);
        }

        boolean enabled() {
            return tokensPerNano > 0;
        }

        Optional<Duration> take(String client) {
            return enabled() ? bucket(client).take(tokensPerNano, capacity, true) : Optional.empty();
        }

        Optional<Duration> waitFor(String client) {
            if (!enabled()) {
                return Optional.empty();
            }
            Bucket bucket = buckets.getIfPresent(client);
            return bucket == null ? Optional.empty() : bucket.take(tokensPerNano, capacity, false);
        }

        void forgetAll() {
            buckets.invalidateAll();
        }

        private Bucket bucket(String client) {
            return buckets.get(client, id -> new Bucket(capacity, System.nanoTime()));
        }
    }

    /** One client's tokens. */
    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        /** Takes a token, or only looks whether one is there when {@code consume} is false. */
        synchronized Optional<Duration> take(double perNano, int capacity, boolean consume) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
            if (tokens >= 1) {
                if (consume) {
                    tokens -= 1;
                }
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano)));
        }
    }
}
