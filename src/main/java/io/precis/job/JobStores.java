package io.precis.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.cache.CacheBackend;
import io.precis.cache.CacheConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** Keeps jobs where the cache keeps results: in Redis when replicas share it, otherwise in this process. */
@ApplicationScoped
class JobStores {

    @Produces
    @ApplicationScoped
    JobStore store(CacheConfig cache, Instance<RedisDataSource> redis, ObjectMapper json) {
        return cache.backend() == CacheBackend.REDIS ? new RedisJobStore(redis.get(), json) : new MemoryJobStore();
    }
}
