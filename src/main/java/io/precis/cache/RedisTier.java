package io.precis.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The Redis side of the cache, built so that Redis down or slow never fails a request: every command gives up after
 * {@code CACHE_REDIS_TIMEOUT}, a failure is answered as a miss (or, for a lease, as "go ahead alone"), and after a
 * failure Redis is left alone for {@code CACHE_REDIS_RETRY} before one command tries it again. The outage is logged
 * once, when it starts, and once more when it ends; its state is in health details and metrics.
 */
@ApplicationScoped
public class RedisTier {

    private static final Logger LOG = Logger.getLogger(RedisTier.class);
    static final String TIER = "redis";
    private static final String KEY_PATTERN = "precis:v" + CacheKey.SCHEMA_VERSION + ":*";
    private static final String LEASE_PREFIX = "precis:lease:";
    /** Deletes a lease only if it is still ours: a lease that expired and was taken over is someone else's now. */
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('del', KEYS[1]) else return 0 end";
    /** Extends a lease only if it is still ours. */
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    /** The answer to an attempt at taking a lease. */
    public enum Lease {
        /** Taken: this replica computes. */
        ACQUIRED,
        /** Another replica holds it: wait for its result. */
        HELD_ELSEWHERE,
        /** Redis did not answer: compute without coordination. */
        UNAVAILABLE
    }

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final CacheConfig config;
    private final MeterRegistry registry;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicLong downSince = new AtomicLong();
    private final AtomicLong nextAttempt = new AtomicLong();
    private volatile String lastError = "";
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Gauge upGauge;

    public RedisTier(ReactiveRedisDataSource redis, ObjectMapper json, CacheConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.json = json;
        this.config = config;
        this.registry = registry;
        this.hits = lookups("hit");
        this.misses = lookups("miss");
        this.errors = Counter.builder("precis.cache.redis.errors")
                .description("Redis commands that failed or timed out").register(registry);
        this.upGauge = Gauge.builder("precis.cache.redis.up", up, state -> state.get() ? 1 : 0)
                .description("Whether Redis answers: 1 up, 0 down").strongReference(true).register(registry);
    }

    /** The stored result for a key, or empty on a miss, a value for another key, or a Redis failure. */
    public Optional<StoredResult> get(CacheKey key) {
        return getAsync(key).join();
    }

    /** As {@link #get}, without blocking. */
    public CompletableFuture<Optional<StoredResult>> getAsync(CacheKey key) {
        if (!available()) {
            misses.increment();
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return call(redis.execute("GET", key.asString()))
                .thenApply(answer -> {
                    Optional<StoredResult> found = Optional.ofNullable(answer.response()).flatMap(r -> decode(r, key));
                    (found.isPresent() ? hits : misses).increment();
                    return found;
                });
    }

    /** Stores a result with the cache's TTL; completes when Redis answered or gave up, and never fails. */
    public CompletableFuture<Void> put(StoredResult result) {
        if (!available()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            String value = json.writeValueAsString(RedisValue.of(result));
            return call(redis.execute("SET", result.key().asString(), value, "PX", millis(config.ttl())))
                    .thenApply(answer -> null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored result must always serialize", e);
        }
    }

    /** Tries to take the computation lease of a key. */
    public CompletableFuture<Lease> tryLease(CacheKey key, String owner) {
        if (!available()) {
            return CompletableFuture.completedFuture(Lease.UNAVAILABLE);
        }
        return call(redis.execute("SET", LEASE_PREFIX + key.asString(), owner, "NX", "PX", millis(config.leaseTtl())))
                .thenApply(answer -> !answer.answered() ? Lease.UNAVAILABLE
                        : answer.response() != null ? Lease.ACQUIRED : Lease.HELD_ELSEWHERE);
    }

    /** Extends a lease this replica holds. */
    public void renewLease(CacheKey key, String owner) {
        if (available()) {
            call(redis.execute("EVAL", RENEW, "1", LEASE_PREFIX + key.asString(), owner, millis(config.leaseTtl())));
        }
    }

    /** Gives a lease up, if this replica still holds it. */
    public void releaseLease(CacheKey key, String owner) {
        if (available()) {
            call(redis.execute("EVAL", RELEASE, "1", LEASE_PREFIX + key.asString(), owner));
        }
    }

    /** Removes every stored result of this schema version. */
    public void clear() {
        String cursor = "0";
        do {
            Response page = redis.execute("SCAN", cursor, "MATCH", KEY_PATTERN, "COUNT", "1000").await()
                    .atMost(Duration.ofSeconds(5));
            cursor = page.get(0).toString();
            List<String> keys = new java.util.ArrayList<>();
            for (Response key : page.get(1)) {
                keys.add(key.toString());
            }
            if (!keys.isEmpty()) {
                redis.execute("UNLINK", keys.toArray(String[]::new)).await().atMost(Duration.ofSeconds(5));
            }
        } while (!"0".equals(cursor));
    }

    /** Whether Redis answered its last command. */
    public boolean isUp() {
        return up.get();
    }

    /** Details for the health check: state, since when, last error. */
    public Map<String, Object> status() {
        if (up.get()) {
            return Map.of("redis", "up");
        }
        return Map.of("redis", "down", "redisDownSince", Instant.ofEpochMilli(downSince.get()).toString(),
                "redisError", lastError);
    }

    /** While Redis is down, only one command per retry interval tries it. */
    private boolean available() {
        if (up.get()) {
            return true;
        }
        long now = System.currentTimeMillis();
        long next = nextAttempt.get();
        return now >= next && nextAttempt.compareAndSet(next, now + config.redisRetry().toMillis());
    }

    /** Runs a command within the timeout, recording whether Redis answered; it never completes exceptionally. */
    private CompletableFuture<Answer> call(Uni<Response> command) {
        return command.ifNoItem().after(config.redisTimeout()).fail()
                .subscribeAsCompletionStage()
                .handle((response, failure) -> {
                    if (failure != null) {
                        failed(failure);
                        return new Answer(false, null);
                    }
                    recovered();
                    return new Answer(true, response);
                })
                .toCompletableFuture();
    }

    /**
     * What a command got back.
     *
     * @param answered whether Redis answered in time
     * @param response its response; null for a nil reply
     */
    private record Answer(boolean answered, Response response) {
    }

    private void failed(Throwable failure) {
        errors.increment();
        Throwable cause = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                ? failure.getCause() : failure;
        lastError = cause.getClass().getSimpleName();
        nextAttempt.set(System.currentTimeMillis() + config.redisRetry().toMillis());
        if (up.compareAndSet(true, false)) {
            downSince.set(System.currentTimeMillis());
            LOG.warnf("Redis is unavailable (%s); serving from the in-process cache and computing directly until it"
                    + " is back", lastError);
        }
    }

    private void recovered() {
        if (up.compareAndSet(false, true)) {
            LOG.infof("Redis is available again after %d s", (System.currentTimeMillis() - downSince.get()) / 1000);
        }
    }

    private Optional<StoredResult> decode(Response response, CacheKey key) {
        try {
            RedisValue value = json.readValue(response.toString(), RedisValue.class);
            if (!value.belongsTo(key)) {
                LOG.debugf("Ignoring a Redis value that does not belong to %s", key.asString());
                return Optional.empty();
            }
            return Optional.of(value.toResult(key));
        } catch (JsonProcessingException e) {
            LOG.debugf("Ignoring an unreadable Redis value under %s", key.asString());
            return Optional.empty();
        }
    }

    private Counter lookups(String result) {
        return Counter.builder("precis.cache.lookups").description("Result cache lookups, by tier and result")
                .tag("tier", TIER).tag("result", result).register(registry);
    }

    private static String millis(Duration duration) {
        return String.valueOf(Math.max(1, duration.toMillis()));
    }

    @PreDestroy
    void removeGauge() {
        registry.remove(upGauge);
    }
}
