package io.precis.metering;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets in this process's memory, one per client, all with the same rate and capacity. Idle buckets are
 * forgotten after ten minutes (a forgotten bucket is a full one), and at most 100 000 are held, which bounds their
 * memory whatever the number of clients.
 */
public final class TokenBuckets {

    private final double tokensPerNano;
    private final long capacity;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    /**
     * @param perMinute tokens added per minute; 0 makes every bucket unlimited
     * @param capacity  tokens a full bucket holds
     */
    public TokenBuckets(long perMinute, long capacity) {
        this.tokensPerNano = perMinute / 60e9;
        this.capacity = Math.max(1, capacity);
    }

    /** Whether the buckets limit anything. */
    public boolean enabled() {
        return tokensPerNano > 0;
    }

    /** Tokens added per millisecond. */
    public double perMilli() {
        return tokensPerNano * 1e6;
    }

    /** Tokens a full bucket holds. */
    public long capacity() {
        return capacity;
    }

    /**
     * Takes {@code cost} tokens from a client's bucket.
     *
     * @return empty when they were taken, or how long the client should wait before they would be
     */
    public Optional<Duration> take(String client, long cost) {
        return enabled() ? bucket(client).take(tokensPerNano, capacity, cost, true) : Optional.empty();
    }

    /** How long a client must wait before one token is there, without taking it; empty when it is there now. */
    public Optional<Duration> waitFor(String client) {
        if (!enabled()) {
            return Optional.empty();
        }
        Bucket bucket = buckets.getIfPresent(client);
        return bucket == null ? Optional.empty() : bucket.take(tokensPerNano, capacity, 1, false);
    }

    /** Forgets every client's bucket, as a restart would. */
    public void forgetAll() {
        buckets.invalidateAll();
    }

    private Bucket bucket(String client) {
        return buckets.get(client, id -> new Bucket(capacity, System.nanoTime()));
    }

    /** One client's tokens. */
    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        /** Takes tokens, or only looks whether they are there when {@code consume} is false. */
        synchronized Optional<Duration> take(double perNano, long capacity, long cost, boolean consume) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updated) * perNano);
            updated = now;
            if (tokens >= cost) {
                if (consume) {
                    tokens -= cost;
                }
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((cost - tokens) / perNano)));
        }
    }
}
