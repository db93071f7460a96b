package io.precis.cache;

import io.precis.core.MinDuration;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bounds of the result cache. */
@ConfigMapping(prefix = "cache")
public interface CacheConfig {

    /** Heap the in-process cache may fill before it evicts the least useful results (env CACHE_MAX_MEMORY). */
    @WithDefault("256M")
    MemorySize maxMemory();

    /** How long a result is kept after it was computed, in every tier (env CACHE_TTL). */
    @WithDefault("7d")
    @MinDuration("1s")
    Duration ttl();

    /** memory (this process only) or redis (shared by replicas, with memory in front) (env CACHE_BACKEND). */
    @WithDefault("memory")
    CacheBackend backend();

    /** Longest wait for a Redis command before the service carries on without Redis (env CACHE_REDIS_TIMEOUT). */
    @WithDefault("200ms")
    @MinDuration("1ms")
    Duration redisTimeout();

    /** After a Redis failure, how long the service works without Redis before trying it again (env CACHE_REDIS_RETRY). */
    @WithDefault("1s")
    @MinDuration("1ms")
    Duration redisRetry();

    /** Lifetime of the lease a replica takes while it computes a result; it renews it while alive (env CACHE_LEASE_TTL). */
    @WithDefault("10s")
    @MinDuration("100ms")
    Duration leaseTtl();

    /** Longest a replica waits for another one's result before computing it itself (env CACHE_LEASE_WAIT). */
    @WithDefault("150s")
    @MinDuration("0ms")
    Duration leaseWait();
}
