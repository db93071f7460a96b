package io.precis.testing;

import java.util.Map;

/** The environment of a packaged service that runs as a replica: the fake OpenAI upstream, and a shared Redis. */
public final class Replicas {

    private Replicas() {
    }

    /** The settings every replica of the integration tests shares. */
    public static Map<String, String> environment(FakeLlmServer fake, RedisServer redis) {
        return Map.of(
                "LLM_PROVIDER", "openai",
                "LLM_BASE_URL", fake.url() + "/v1",
                "LLM_MODEL", "fake-model",
                "CACHE_BACKEND", "redis",
                "REDIS_URL", redis.url(),
                // Two service JVMs and the tests share two cores here; a replica starved of CPU for 200 ms (the
                // default) would count Redis as down and compute alone, which is right in production but not what
                // these tests are about.
                "CACHE_REDIS_TIMEOUT", "1s",
                // A replica that dies is replaced within seconds rather than the production defaults' half minute.
                "JOB_LEASE", "2s",
                "CACHE_LEASE_TTL", "2s",
                "RATE_LIMIT_PER_MINUTE", "0");
    }
}
