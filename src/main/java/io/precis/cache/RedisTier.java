package io.precis.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.precis.task.TaskKey;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * The Redis side of the cache, built so that Redis down or slow never fails a request. Every command goes through one
 * guard of the service's fault-tolerance library: it gives up after {@code CACHE_REDIS_TIMEOUT}, and after a failure
 * the circuit opens, so that Redis is left alone for {@code CACHE_REDIS_RETRY} before one command tries it again. A
 * failure is answered as a miss (or, for a lease, as "go ahead alone"). The outage is logged once, when it starts, and
 * once more when it ends; its state is in health details and metrics.
 *
 * <p>Values go through Redis's typed value and key commands. The lease needs what they do not offer (a conditional
 * set that says whether it took, and compare-and-delete scripts), so those three commands are sent as they are.
 */
@ApplicationScoped
public class RedisTier {

    /** Version of the stored value format, part of every key: a format change starts a fresh keyspace. */
    static final int SCHEMA_VERSION = 2;
    static final String TIER = "redis";

    private static final Logger LOG = Logger.getLogger(RedisTier.class);
    private static final String KEY_PREFIX = "precis:v" + SCHEMA_VERSION + ":";
    private static final String LEASE_PREFIX = "precis:lease:v" + SCHEMA_VERSION + ":";
    /** Deletes a lease only if it is still ours: a lease that expired and was taken over is someone else's now. */
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('del', KEYS[1]) else return 0 end";
    /** Extends a lease only if it is still ours. */
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then"
            + " return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    /**
     * Takes ARGV[3] tokens from the bucket KEYS[1] (refilled at ARGV[1] per millisecond up to ARGV[2], on Redis's
     * clock so that replicas agree); answers 0 when they were taken, or the milliseconds until they would be.
     */
    private static final String TAKE_TOKENS = "local now = redis.call('time')"
            + " now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)"
            + " local rate, capacity, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])"
            + " local held = redis.call('hmget', KEYS[1], 'tokens', 'at')"
            + " local tokens, at = tonumber(held[1]) or capacity, tonumber(held[2]) or now"
            + " tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)"
            + " local wait = 0"
            + " if tokens >= cost then tokens = tokens - cost else wait = math.ceil((cost - tokens) / rate) end"
            + " redis.call('hset', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))"
            + " redis.call('pexpire', KEYS[1], math.ceil(capacity / rate) + 1000)"
            + " return wait";
    /**
     * Adds ARGV's field/amount pairs to the hash KEYS[1], kept for the last ARGV milliseconds, unless the batch id
     * KEYS[2] was applied already (kept an hour): a batch sent again after a lost reply is counted once.
     */
    private static final String ADD_COUNTS = "if not redis.call('set', KEYS[2], '1', 'NX', 'PX', 3600000) then"
            + " return 0 end"
            + " for i = 1, #ARGV - 1, 2 do redis.call('hincrby', KEYS[1], ARGV[i], ARGV[i + 1]) end"
            + " redis.call('pexpire', KEYS[1], ARGV[#ARGV]) return 1";
    /** Every hash of KEYS, in one round trip. */
    private static final String READ_COUNTS = "local found = {} for i, key in ipairs(KEYS) do"
            + " found[i] = redis.call('hgetall', key) end return found";
    private static final TypeLiteral<CompletionStage<Object>> ASYNC = new TypeLiteral<>() {
    };

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
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> keys;
    private final ObjectMapper json;
    /**
     * The reader of stored values. Requests refuse unknown fields (api.JsonSettings); a value written by a newer
     * replica during a rolling deploy may carry one, at any depth, and is still read.
     */
    private final ObjectReader storedValues;
    private final CacheConfig config;
    private final MeterRegistry registry;
    private final Guard guard;
    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
    private final AtomicLong downSince = new AtomicLong();
    private final AtomicBoolean outageLogged = new AtomicBoolean();
    private volatile String lastError = "";
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Gauge upGauge;

    public RedisTier(ReactiveRedisDataSource redis, ObjectMapper json, CacheConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.keys = redis.key();
        this.json = json;
        this.storedValues = json.readerFor(RedisValue.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.config = config;
        this.registry = registry;
        this.guard = Guard.create()
                .withDescription("redis")
                .withTimeout().duration(config.redisTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .name("redis")
                // One failure is enough to leave Redis alone for a while: every command would wait for it.
                .requestVolumeThreshold(1)
                .failureRatio(1.0)
                .delay(config.redisRetry().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .onStateChange(this::stateChanged)
                .done()
                .withThreadOffload(false)
                .build();
        this.hits = lookups("hit");
        this.misses = lookups("miss");
        this.errors = Counter.builder("precis.cache.redis.errors")
                .description("Redis commands that failed or timed out").register(registry);
        this.upGauge = Gauge.builder("precis.cache.redis.up", this, tier -> tier.isUp() ? 1 : 0)
                .description("Whether Redis answers: 1 up, 0 down").strongReference(true).register(registry);
    }

    /** The stored result for a key, or empty on a miss, a value for another key, or a Redis failure. */
    public Optional<Result> get(TaskKey key) {
        return getAsync(key).join();
    }

    /** As {@link #get}, without blocking. */
    public CompletableFuture<Optional<Result>> getAsync(TaskKey key) {
        return call(values.get(KEY_PREFIX + key.value())).thenApply(answer -> {
            Optional<Result> found = Optional.ofNullable(answer.value()).flatMap(value -> decode(value, key));
            (found.isPresent() ? hits : misses).increment();
            return found;
        });
    }

    /** Stores a result with the cache's TTL; completes when Redis answered or gave up, and never fails. */
    public CompletableFuture<Void> put(Result result) {
        String value;
        try {
            value = json.writeValueAsString(RedisValue.of(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored result must always serialize", e);
        }
        return call(values.set(KEY_PREFIX + result.key().value(), value, new SetArgs().px(config.ttl())))
                .thenApply(answer -> null);
    }

    /** Tries to take the computation lease of a key. */
    public CompletableFuture<Lease> tryLease(TaskKey key, String owner) {
        return call(redis.execute("SET", LEASE_PREFIX + key.value(), owner, "NX", "PX", millis(config.leaseTtl())))
                .thenApply(answer -> !answer.answered() ? Lease.UNAVAILABLE
                        : answer.value() != null ? Lease.ACQUIRED : Lease.HELD_ELSEWHERE);
    }

    /** Extends a lease this replica holds. */
    public void renewLease(TaskKey key, String owner) {
        call(redis.execute("EVAL", RENEW, "1", LEASE_PREFIX + key.value(), owner, millis(config.leaseTtl())));
    }

    /** Gives a lease up, if this replica still holds it. */
    public void releaseLease(TaskKey key, String owner) {
        call(redis.execute("EVAL", RELEASE, "1", LEASE_PREFIX + key.value(), owner));
    }

    /**
     * Takes {@code cost} tokens from a bucket every replica shares.
     *
     * @param bucket   the bucket's Redis key, outside the results' keyspace
     * @param perMilli tokens added per millisecond
     * @return 0 when the tokens were taken, the milliseconds until they would be, or empty when Redis did not answer
     */
    public CompletableFuture<OptionalLong> takeTokens(String bucket, double perMilli, long capacity, long cost) {
        return call(redis.execute("EVAL", TAKE_TOKENS, "1", bucket, String.valueOf(perMilli),
                String.valueOf(capacity), String.valueOf(cost)))
                .thenApply(answer -> answer.answered() && answer.value() != null
                        ? OptionalLong.of(answer.value().toLong()) : OptionalLong.empty());
    }

    /**
     * Adds amounts to the counters of a hash every replica shares, kept for {@code ttl} after the last addition, once
     * per batch: the same batch sent again is not added again. Completes when Redis answered or gave up, with
     * whether it answered.
     *
     * @param batch the key that marks this batch as applied; on the hash's Redis Cluster slot
     */
    public CompletableFuture<Boolean> addCounts(String hash, Map<String, Long> amounts, Duration ttl, String batch) {
        List<String> args = new java.util.ArrayList<>(List.of("EVAL", ADD_COUNTS, "2", hash, batch));
        amounts.forEach((field, amount) -> {
            args.add(field);
            args.add(String.valueOf(amount));
        });
        args.add(millis(ttl));
        return call(redis.execute(args.get(0), args.subList(1, args.size()).toArray(String[]::new)))
                .thenApply(Answer::answered);
    }

    /** The counters of each hash, in order (empty maps for hashes not there), or empty when Redis did not answer. */
    public CompletableFuture<Optional<List<Map<String, Long>>>> readCounts(List<String> hashes) {
        List<String> args = new java.util.ArrayList<>(List.of(READ_COUNTS, String.valueOf(hashes.size())));
        args.addAll(hashes);
        return call(redis.execute("EVAL", args.toArray(String[]::new))).thenApply(answer -> {
            if (!answer.answered() || answer.value() == null) {
                return Optional.empty();
            }
            List<Map<String, Long>> found = new java.util.ArrayList<>(hashes.size());
            for (io.vertx.mutiny.redis.client.Response hash : answer.value()) {
                Map<String, Long> counts = new java.util.HashMap<>();
                for (int i = 0; i + 1 < hash.size(); i += 2) {
                    counts.put(hash.get(i).toString(), hash.get(i + 1).toLong());
                }
                found.add(counts);
            }
            return Optional.of(found);
        });
    }

    /** Removes every stored result of this schema version. */
    public void clear() {
        List<String> stored = keys.scan(new KeyScanArgs().match(KEY_PREFIX + "*").count(1000)).toMulti()
                .collect().asList().await().atMost(Duration.ofSeconds(10));
        for (int from = 0; from < stored.size(); from += 1000) {
            keys.unlink(stored.subList(from, Math.min(stored.size(), from + 1000)).toArray(String[]::new))
                    .await().atMost(Duration.ofSeconds(5));
        }
    }

    /** Whether Redis answered its last command. */
    public boolean isUp() {
        return state == CircuitBreakerState.CLOSED;
    }

    /** Details for the health check: state, since when, last error. */
    public Map<String, Object> status() {
        if (isUp()) {
            return Map.of("redis", "up");
        }
        return Map.of("redis", "down", "redisDownSince", Instant.ofEpochMilli(downSince.get()).toString(),
                "redisError", lastError);
    }

    /**
     * Runs a command through the guard; it never completes exceptionally: a failure, a timeout or an open circuit is
     * an answer that did not come.
     */
    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<Answer<T>> call(Uni<T> command) {
        CompletionStage<Object> guarded;
        try {
            guarded = guard.get(() -> (CompletionStage<Object>) command.subscribeAsCompletionStage(), ASYNC);
        } catch (RuntimeException e) {
            guarded = CompletableFuture.failedFuture(e);
        }
        return guarded.handle((value, failure) -> {
            if (failure == null) {
                return new Answer<>(true, (T) value);
            }
            failed(failure);
            return new Answer<T>(false, null);
        }).toCompletableFuture();
    }

    /**
     * What a command got back.
     *
     * @param answered whether Redis answered in time
     * @param value    its value; null for a nil reply
     */
    private record Answer<T>(boolean answered, T value) {
    }

    private void failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof CircuitBreakerOpenException) {
            // Not a command that failed: one that was not sent, because Redis is left alone for a while.
            return;
        }
        errors.increment();
        lastError = cause.getClass().getSimpleName();
        // The circuit has opened by now; the outage is logged once, with the failure that started it.
        if (!isUp() && outageLogged.compareAndSet(false, true)) {
            LOG.warnf("Redis is unavailable (%s); serving from the in-process cache and computing directly until it"
                    + " is back", lastError);
        }
    }

    private void stateChanged(CircuitBreakerState next) {
        if (next == CircuitBreakerState.OPEN && state == CircuitBreakerState.CLOSED) {
            downSince.set(System.currentTimeMillis());
        } else if (next == CircuitBreakerState.CLOSED && state != CircuitBreakerState.CLOSED) {
            outageLogged.set(false);
            LOG.infof("Redis is available again after %d s", (System.currentTimeMillis() - downSince.get()) / 1000);
        }
        state = next;
    }

    private Optional<Result> decode(String stored, TaskKey key) {
        try {
            RedisValue value = storedValues.readValue(stored);
            if (!value.belongsTo(key)) {
                LOG.debugf("Ignoring a Redis value that does not belong to %s", key);
                return Optional.empty();
            }
            return Optional.of(value.toResult(key));
        } catch (JsonProcessingException e) {
            LOG.debugf("Ignoring an unreadable Redis value under %s", key);
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
