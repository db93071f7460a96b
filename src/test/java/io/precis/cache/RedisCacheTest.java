package io.precis.cache;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.RedisResource;
import io.precis.testing.RedisServer;
import io.precis.testing.Texts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared cache against a real redis-server: what it stores, what it refuses to serve, the lease that makes
 * replicas compute a result once, and Redis going away in the middle of traffic.
 */
@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "openai"),
    @ResourceArg(name = "cache.lease-ttl", value = "1500ms")
})
class RedisCacheTest {

    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    @FakeLlm
    FakeLlmServer fake;

    RedisServer redis;

    @Inject
    ResultCache store;

    @Inject
    MemoryTier memory;

    @BeforeEach
    void reset() {
        fake.reset();
        store.clear();
        Circuits.close("openai");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> summarize(SEED + " Prêt.").extract()
                .statusCode() == 200);
        fake.reset();
        store.clear();
    }

    @Test
    void storesEachResultInRedisWithItsKeySchemaAndTtl() {
        summarize(SEED).statusCode(200);

        List<String> keys = redis.keys("precis:v2:*");
        assertThat(keys).singleElement().asString().matches("precis:v2:summary:[0-9a-f]{64}");
        String value = redis.command("GET", keys.get(0));
        assertThat(value).contains("\"schema\":2", "\"key\":\"" + keys.get(0).substring("precis:v2:".length())
                + "\"", Texts.ENGLISH_SUMMARY);
        long ttl = Long.parseLong(redis.command("PTTL", keys.get(0)));
        assertThat(ttl).isBetween(Duration.ofDays(7).minusMinutes(1).toMillis(), Duration.ofDays(7).toMillis());
    }

    @Test
    void servesWhatAnotherReplicaStoredWithoutCallingTheModel() {
        String key = storedKey(summarize(SEED).statusCode(200));
        memory.clear();
        fake.reset();

        summarize(SEED).statusCode(200).body("cached", equalTo(true)).body("summary.text",
                equalTo(Texts.ENGLISH_SUMMARY));

        assertThat(fake.calls()).isEmpty();
        assertThat(redis.keys(key)).hasSize(1);
    }

    @Test
    void neverServesAValueStoredForAnotherKeyOrSchema() {
        String key = storedKey(summarize(SEED).statusCode(200));
        String value = redis.command("GET", key);
        String taskKey = key.substring("precis:v2:".length());
        redis.command("SET", key, value.replace(taskKey, "summary:" + "0".repeat(64)));
        memory.clear();
        fake.reset();

        summarize(SEED).statusCode(200).body("cached", equalTo(false));

        assertThat(fake.calls()).hasSize(1);
        redis.command("SET", key, value.replace("\"schema\":2", "\"schema\":99"));
        memory.clear();
        summarize(SEED).statusCode(200).body("cached", equalTo(false));
        assertThat(fake.calls()).hasSize(2);
    }

    /** A newer replica, during a rolling deploy, may store fields this one does not know, at any depth. */
    @Test
    void readsAValueWithFieldsItDoesNotKnow() {
        String key = storedKey(summarize(SEED).statusCode(200));
        String value = redis.command("GET", key);
        assertThat(value).contains("\"usage\":{");
        redis.command("SET", key, value.replace("\"schema\":2", "\"schema\":2,\"glossaryId\":\"g1\"")
                .replace("\"usage\":{", "\"usage\":{\"cachedInputTokens\":3,"));
        memory.clear();
        fake.reset();

        summarize(SEED).statusCode(200).body("cached", equalTo(true));

        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void waitsForTheResultOfTheReplicaHoldingTheLease() {
        String key = storedKey(summarize(SEED).statusCode(200));
        String value = redis.command("GET", key);
        store.clear();
        fake.reset();
        redis.command("SET", lease(key), "another-replica", "PX", "5000");

        CompletableFuture<ValidatableResponse> waiting = CompletableFuture.supplyAsync(() -> summarize(SEED));
        Awaitility.await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1))
                .until(() -> !waiting.isDone());
        redis.command("SET", key, value, "PX", "60000");

        waiting.join().statusCode(200).body("cached", equalTo(true));
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void takesTheLeaseOverWhenItsHolderDied() {
        String key = storedKey(summarize(SEED).statusCode(200));
        store.clear();
        fake.reset();
        redis.command("SET", lease(key), "a-replica-that-died", "PX", "1500");

        long started = System.nanoTime();
        summarize(SEED).statusCode(200).body("cached", equalTo(false));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1300));
        assertThat(fake.calls()).hasSize(1);
        assertThat(redis.command("GET", lease(key))).isNull();
    }

    @Test
    void aRedisOutageInTheMiddleOfTrafficFailsNoRequestAndHealsItself() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            int i = 0;
            while (running.get()) {
                String article = SEED + (i % 3 == 0 ? " Variante " + i + "." : "");
                statuses.add(summarize(article).extract().statusCode());
                i++;
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() >= 10);

        redis.stop();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().when().get("/q/health/ready")
                .then().statusCode(200).extract().<String>path("checks.find { it.name == 'cache' }.data.redis")
                .equals("down"));
        int duringOutage = statuses.size();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() >= duringOutage + 10);
        String metrics = given().when().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("precis_cache_redis_up 0.0");

        redis.startAgain();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> given().when().get("/q/health/ready")
                .then().extract().<String>path("checks.find { it.name == 'cache' }.data.redis").equals("up"));
        running.set(false);
        traffic.get();

        assertThat(statuses).hasSizeGreaterThan(30).allSatisfy(status -> assertThat(status).isEqualTo(200));
        int before = redis.keys("precis:v2:*").size();
        summarize(SEED + " Après la panne.").statusCode(200);
        assertThat(redis.keys("precis:v2:*")).hasSize(before + 1);
    }

    /** The Redis key of the one result a request stored into an empty cache. */
    private String storedKey(ValidatableResponse response) {
        response.body("cached", equalTo(false));
        List<String> keys = redis.keys("precis:v2:*");
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    private static String lease(String key) {
        return key.replace("precis:v2:", "precis:lease:v2:");
    }

    private static ValidatableResponse summarize(String article) {
        return given().contentType(ContentType.JSON).body(Articles.digest(article, "translate", false))
                .when().post("/api/v1/digests")
                .then();
    }
}
