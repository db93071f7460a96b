package io.precis.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.precis.article.ArticleConfig;
import io.precis.cache.CacheConfig;
import io.precis.cache.RedisTier;
import io.precis.task.Caller;
import io.precis.task.TokenUsage;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.RedisResource;
import io.precis.testing.RedisServer;
import io.precis.testing.TestConfig;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Limits and usage shared by replicas through a real redis-server: two instances of the metering classes over one
 * Redis stand for two replicas. The test resources are those of the Redis cache tests, so Quarkus is not restarted.
 */
@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "openai"),
    @ResourceArg(name = "cache.lease-ttl", value = "1500ms")
})
class SharedMeteringTest {

    @Inject
    RedisTier redisTier;

    RedisServer redis;

    private final Caller caller = Caller.key("shared-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void replicasShareOneRequestLimitThroughRedis() {
        Limits first = limits(Map.of("rate-limit.per-minute", "60", "rate-limit.burst", "4"));
        Limits second = limits(Map.of("rate-limit.per-minute", "60", "rate-limit.burst", "4"));

        for (int i = 0; i < 2; i++) {
            assertThat(first.request(caller).join()).isEmpty();
            assertThat(second.request(caller).join()).isEmpty();
        }

        // Four requests in all: the burst is used up on both replicas, for this caller only.
        assertThat(first.request(caller).join()).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofMillis(1), Duration.ofSeconds(1)));
        assertThat(second.request(caller).join()).isPresent();
        assertThat(second.request(Caller.key("someone-else-" + caller.label())).join()).isEmpty();
        assertThat(redis.keys("precis:limit:v1:requests:{" + caller.id() + "}")).hasSize(1);
    }

    @Test
    void replicasShareOneCharacterLimitThroughRedis() {
        Map<String, String> settings = Map.of("rate-limit.characters-per-minute", "10000");
        Limits first = limits(settings);
        Limits second = limits(settings);

        assertThat(first.characters(caller, 6000).join()).isEmpty();
        assertThat(second.characters(caller, 6000).join()).as("4 000 left, from the other replica").isPresent();
        assertThat(second.characters(caller, 3000).join()).isEmpty();
    }

    @Test
    void usageIsTheSumOfEveryReplicasCounts() {
        UsageLedger first = ledger();
        UsageLedger second = ledger();
        try {
            first.request(caller);
            first.article(caller, 1200);
            second.request(caller);
            second.article(caller, 800);
            second.tokens(caller, new TokenUsage(300, 50, 350));
            second.cacheHits(caller, 1);

            // The second replica sends its counts within a second; the first sends its own before it reports.
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                UsageReport report = first.report(caller).join();
                assertThat(report.scope()).isEqualTo(UsageReport.ALL_REPLICAS);
                assertThat(report.today().counts()).containsAllEntriesOf(Map.of(Measure.REQUESTS, 2L,
                        Measure.ARTICLES, 2L, Measure.CHARACTERS, 2000L, Measure.TOKENS_IN, 300L,
                        Measure.TOKENS_OUT, 50L, Measure.CACHE_HITS, 1L));
                assertThat(report.last30Days().get(Measure.CHARACTERS)).isEqualTo(2000L);
            });
            long ttl = Long.parseLong(redis.command("PTTL", redis.keys("precis:usage:v1:{" + caller.id() + "}:*")
                    .get(0)));
            assertThat(ttl).isGreaterThan(Duration.ofDays(30).toMillis());
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    void aBatchOfCountsSentAgainAfterALostReplyIsCountedOnce() {
        String hash = "precis:usage:v1:{" + caller.id() + "}:2026-12-01";
        String batch = "precis:usage-batch:v1:{" + caller.id() + "}:b-1";

        assertThat(redisTier.addCounts(hash, Map.of("requests", 3L), Duration.ofDays(31), batch).join()).isTrue();
        assertThat(redisTier.addCounts(hash, Map.of("requests", 3L), Duration.ofDays(31), batch).join()).isTrue();

        assertThat(redis.command("HGET", hash, "requests")).isEqualTo("3");
    }

    @Test
    void whileRedisIsDownEachReplicaCountsAloneAndSaysSo() {
        Limits limits = limits(Map.of("rate-limit.per-minute", "60", "rate-limit.burst", "1"));
        UsageLedger ledger = ledger();
        redis.stop();
        try {
            ledger.request(caller);
            assertThat(limits.request(caller).join()).as("the local bucket lets the first request go").isEmpty();
            assertThat(limits.request(caller).join()).as("and counts the next").isPresent();

            UsageReport report = ledger.report(caller).join();

            assertThat(report.scope()).isEqualTo(UsageReport.THIS_REPLICA);
            assertThat(report.today().get(Measure.REQUESTS)).isEqualTo(1);
        } finally {
            redis.startAgain();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                limits.request(Caller.key("probe")).join();
                return redisTier.isUp();
            });
            ledger.stop();
        }
    }

    private Limits limits(Map<String, String> settings) {
        return new Limits(TestConfig.mapping(RateLimitConfig.class, settings),
                TestConfig.mapping(ArticleConfig.class, Map.of("article.max-chars", "5000")),
                TestConfig.mapping(CacheConfig.class, Map.of("cache.backend", "redis")), redisTier);
    }

    private UsageLedger ledger() {
        return new UsageLedger(Clock.systemUTC(), Optional.of(redisTier), new SimpleMeterRegistry());
    }
}
