package io.precis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The in-process result cache: Caffeine, bounded by an estimate of the heap its values take and by age. */
@ApplicationScoped
public class MemoryResultStore implements ResultStore {

    private final Cache<CacheKey, StoredResult> cache;

    public MemoryResultStore(CacheConfig config) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.maxMemory().asLongValue())
                .weigher((CacheKey key, StoredResult value) -> value.weight())
                .expireAfterWrite(config.ttl())
                .build();
    }

    @Override
    public Optional<StoredResult> get(CacheKey key) {
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    @Override
    public void put(StoredResult result) {
        cache.put(result.key(), result);
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }
}
