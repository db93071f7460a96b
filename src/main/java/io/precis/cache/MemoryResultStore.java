package io.precis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The in-process result cache: Caffeine, bounded by an estimate of the heap its values take and by age. Alone it is
 * the cache of {@code CACHE_BACKEND=memory}; with Redis it is the first tier.
 */
@ApplicationScoped
@Typed(MemoryResultStore.class)
public class MemoryResultStore implements ResultStore {

    /** The tier name in metrics. */
    static final String TIER = "memory";

    private final Cache<CacheKey, StoredResult> cache;
    private final Counter hits;
    private final Counter misses;
    private final MeterRegistry registry;
    private final Gauge entries;

    public MemoryResultStore(CacheConfig config, MeterRegistry registry) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.maxMemory().asLongValue())
                .weigher((CacheKey key, StoredResult value) -> value.weight())
                .expireAfterWrite(config.ttl())
                .build();
        this.hits = lookups(registry, "hit");
        this.misses = lookups(registry, "miss");
        this.registry = registry;
        this.entries = Gauge.builder("precis.cache.entries", cache, Cache::estimatedSize)
                .description("Results in the cache, by tier").tag("tier", TIER).strongReference(true)
                .register(registry);
    }

    @Override
    public Optional<StoredResult> get(CacheKey key) {
        StoredResult result = cache.getIfPresent(key);
        (result == null ? misses : hits).increment();
        return Optional.ofNullable(result);
    }

    /**
     * The results stored under every one of some keys, or empty when any is missing: the first look of a request that
     * can be answered whole from memory. Only a full answer counts, as one hit per key; otherwise nothing is counted,
     * since the lookups that follow count for themselves.
     */
    public Optional<List<StoredResult>> peekAll(List<CacheKey> keys) {
        List<StoredResult> found = new ArrayList<>(keys.size());
        for (CacheKey key : keys) {
            StoredResult result = cache.getIfPresent(key);
            if (result == null) {
                return Optional.empty();
            }
            found.add(result);
        }
        hits.increment(keys.size());
        return Optional.of(found);
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("precis.cache.lookups").description("Result cache lookups, by tier and result")
                .tag("tier", TIER).tag("result", result).register(registry);
    }

    @Override
    public CompletableFuture<Void> put(StoredResult result) {
        cache.put(result.key(), result);
        return CompletableFuture.completedFuture(null);
    }

    /** The registry may outlive this store (tests restart the application in one JVM); its gauge must not. */
    @PreDestroy
    void removeGauge() {
        registry.remove(entries);
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }
}
