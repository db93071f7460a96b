package io.precis.cache;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The in-process cache in front of Redis: a read tries memory, then Redis (and keeps what Redis had in memory); a
 * write goes to both. Redis failures read as misses and are never an error for the caller.
 */
final class TieredResultStore implements ResultStore {

    private final MemoryResultStore memory;
    private final RedisTier redis;

    TieredResultStore(MemoryResultStore memory, RedisTier redis) {
        this.memory = memory;
        this.redis = redis;
    }

    @Override
    public Optional<StoredResult> get(CacheKey key) {
        Optional<StoredResult> local = memory.get(key);
        if (local.isPresent()) {
            return local;
        }
        Optional<StoredResult> shared = redis.get(key);
        shared.ifPresent(memory::put);
        return shared;
    }

    @Override
    public CompletableFuture<Void> put(StoredResult result) {
        memory.put(result);
        return redis.put(result);
    }

    @Override
    public void clear() {
        memory.clear();
        redis.clear();
    }
}
