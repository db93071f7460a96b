package io.precis.cache;

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

    /** How long a result is kept after it was computed (env CACHE_TTL). */
    @WithDefault("7d")
    Duration ttl();
}
