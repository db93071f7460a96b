package io.precis.metering;

import io.precis.article.ArticleConfig;
import io.precis.cache.CacheBackend;
import io.precis.cache.CacheConfig;
import io.precis.cache.RedisTier;
import io.precis.task.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Each caller's limits: requests per minute ({@code RATE_LIMIT_PER_MINUTE}, {@code RATE_LIMIT_BURST} at once) and
 * characters of article per minute ({@code RATE_LIMIT_CHARACTERS_PER_MINUTE}), as token buckets.
 *
 * <p>With {@code CACHE_BACKEND=redis} the buckets live in Redis, so that a caller has one limit whichever replica
 * answers, not one per replica; they are filled on Redis's clock. While Redis does not answer, each replica counts
 * in its own memory, as without Redis: a caller may then get up to one limit per replica, which is better than none
 * and better than refusing every request.
 */
@ApplicationScoped
public class Limits {

    private static final String PREFIX = "precis:limit:v1:";

    private final TokenBuckets requests;
    private final TokenBuckets characters;
    private final Optional<RedisTier> shared;

    public Limits(RateLimitConfig config, ArticleConfig articles, CacheConfig cache, RedisTier redis) {
        this.requests = new TokenBuckets(config.perMinute(), config.burst());
        // One article of the largest accepted size must always fit, or it could never be sent.
        this.characters = new TokenBuckets(config.charactersPerMinute(),
                Math.max(config.charactersPerMinute(), articles.maxChars()));
        this.shared = cache.backend() == CacheBackend.REDIS ? Optional.of(redis) : Optional.empty();
    }

    /** Characters of article a caller may send at once: a minute's worth, or one longest article; 0 when unlimited. */
    public long characterBurst() {
        return characters.enabled() ? characters.capacity() : 0;
    }

    /** Whether requests are limited at all. */
    public boolean limitsRequests() {
        return requests.enabled();
    }

    /**
     * Counts one request of a caller.
     *
     * @return empty when it may go on, or how long the caller should wait
     */
    public CompletableFuture<Optional<Duration>> request(Caller caller) {
        return take(requests, "requests", caller, 1);
    }

    /**
     * Counts the characters of one article a caller sent.
     *
     * @return empty when it may go on, or how long the caller should wait
     */
    public CompletableFuture<Optional<Duration>> characters(Caller caller, long count) {
        return take(characters, "characters", caller, count);
    }

    /** Forgets every caller's buckets in this process, as a restart would. */
    public void forgetAll() {
        requests.forgetAll();
        characters.forgetAll();
    }

    private CompletableFuture<Optional<Duration>> take(TokenBuckets buckets, String kind, Caller caller, long cost) {
        if (!buckets.enabled()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (shared.isEmpty()) {
            return CompletableFuture.completedFuture(buckets.take(caller.id(), cost));
        }
        // The hash tag keeps a caller's keys on one Redis Cluster slot.
        String bucket = PREFIX + kind + ":{" + caller.id() + "}";
        return shared.get().takeTokens(bucket, buckets.perMilli(), buckets.capacity(), cost).thenApply(wait -> {
            if (wait.isEmpty()) {
                return buckets.take(caller.id(), cost);
            }
            return wait.getAsLong() == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(wait.getAsLong()));
        });
    }
}
