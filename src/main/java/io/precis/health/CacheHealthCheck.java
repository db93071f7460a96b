package io.precis.health;

import io.precis.cache.CacheBackend;
import io.precis.cache.CacheConfig;
import io.precis.cache.RedisTier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows the cache backend, and with Redis whether it answers. Always UP: every replica shares Redis, and a Redis
 * outage must not take them all out of the Service at once when each can still serve from memory and compute.
 */
@Readiness
@ApplicationScoped
public class CacheHealthCheck implements HealthCheck {

    private final CacheConfig config;
    private final RedisTier redis;

    public CacheHealthCheck(CacheConfig config, RedisTier redis) {
        this.config = config;
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("cache").up()
                .withData("backend", config.backend().name().toLowerCase(java.util.Locale.ROOT));
        if (config.backend() == CacheBackend.REDIS) {
            redis.status().forEach((key, value) -> response.withData(key, String.valueOf(value)));
        }
        return response.build();
    }
}
