package io.precis.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Picks the result store named by {@code CACHE_BACKEND} at start-up. */
@ApplicationScoped
public class ResultStoreProducer {

    private static final Logger LOG = Logger.getLogger(ResultStoreProducer.class);

    @Produces
    @ApplicationScoped
    ResultStore store(CacheConfig config, MemoryResultStore memory, RedisTier redis) {
        if (config.backend() == CacheBackend.REDIS) {
            LOG.info("Result cache: in-process, in front of Redis");
            return new TieredResultStore(memory, redis);
        }
        LOG.info("Result cache: in-process only");
        return memory;
    }
}
