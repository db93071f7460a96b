package io.precis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.precis.task.TaskKey;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The in-process tier of the cache: Caffeine, bounded by an estimate of the heap its values take and by age. Alone it
 * is the cache of {@code CACHE_BACKEND=memory}; with Redis it is the first tier.
 */
@ApplicationScoped
public class MemoryTier {

    /** The tier name in metrics. */
    static final String TIER = "memory";

    private final Cache<TaskKey, Result> cache;
    private final Counter hits;
    private final Counter misses;
    private final MeterRegistry registry;
    private final Gauge entries;

    public MemoryTier(CacheConfig config, MeterRegistry registry) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.maxMemory().asLongValue())
                .weigher((TaskKey key, Result value) -> value.weight())
                .expireAfterWrite(config.ttl())
                .build();
        this.hits = lookups(registry, "hit");
        this.misses = lookups(registry, "miss");
        this.registry = registry;
        this.entries = Gauge.builder("precis.cache.entries", cache, Cache::estimatedSize)
                .description("Results in the cache, by tier").tag("tier", TIER).strongReference(true)
                .register(registry);
    }

    /** The result stored under a key, if any. */
    Optional<Result> get(TaskKey key) {
        Result result = cache.getIfPresent(key);
        (result == null ? misses : hits).increment();
        return Optional.ofNullable(result);
    }

    /**
     * The results stored under every one of some keys, or empty when any is missing: the first look of a request that
     * can be answered whole from memory. Only a full answer counts, as one hit per key; otherwise nothing is counted,
     * since the lookups that follow count for themselves.
     */
    Optional<List<Result>> peekAll(List<TaskKey> keys) {
        List<Result> found = new ArrayList<>(keys.size());
        for (TaskKey key : keys) {
            Result result = cache.getIfPresent(key);
            if (result == null) {
                return Optional.empty();
            }
            found.add(result);
        }
        hits.increment(keys.size());
        return Optional.of(found);
    }

    /** Keeps a result under its own key. */
    void put(Result result) {
        cache.put(result.key(), result);
    }

    /** Forgets every result. */
    void clear() {
        cache.invalidateAll();
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("precis.cache.lookups").description("Result cache lookups, by tier and result")
                .tag("tier", TIER).tag("result", result).register(registry);
    }

    /** The registry may outlive this tier (tests restart the application in one JVM); its gauge must not. */
    @PreDestroy
    void removeGauge() {
        registry.remove(entries);
    }
}
