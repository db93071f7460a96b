package io.precis.metering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.cache.ResultCache;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Model calls are scheduled fairly between keys. One key's batches once made another key wait behind all their calls
 * (40 batch requests took another key's latency from about 1 s to 6 s): now it waits for at most one call, and
 * usually for none, since one key cannot take the last slot.
 */
@QuarkusTest
@TestProfile(FairSchedulingTest.TwoKeysFourSlots.class)
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "openai"),
    @ResourceArg(name = "llm.max-concurrency", value = "4")
})
class FairSchedulingTest {

    private static final String BURSTING = "k-burst-4b2d6f8a";
    private static final String QUIET = "k-quiet-1c3e5a7b";
    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);
    private static final Duration MODEL_LATENCY = Duration.ofMillis(400);

    /** Two keys; batches of up to 50 articles, 8 at a time. */
    public static class TwoKeysFourSlots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("api.keys", "wire-import:" + BURSTING + ", desk:" + QUIET, "batch.concurrency", "8");
        }
    }

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    @Inject
    Limits limits;

    @BeforeEach
    void reset() {
        fake.reset();
        store.clear();
        Circuits.close("openai");
        limits.forgetAll();
    }

    @Test
    void oneKeysBatchBurstLeavesAnotherKeysLatencyWithinOneAndAHalfTimesItsIdleLatency() {
        fake.latency(MODEL_LATENCY);
        summarize(QUIET, "Échauffement");
        long idle = median(List.of(summarize(QUIET, "Calme 1"), summarize(QUIET, "Calme 2"),
                summarize(QUIET, "Calme 3")));

        List<CompletableFuture<List<Integer>>> batches = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            int number = batch;
            batches.add(CompletableFuture.supplyAsync(() -> batch(BURSTING, number, 16)));
        }
        // The burst holds the slots it may hold, and more of its calls wait behind them.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> fake.calls().size() >= 6);
        long underBurst = median(List.of(summarize(QUIET, "Rafale 1"), summarize(QUIET, "Rafale 2"),
                summarize(QUIET, "Rafale 3")));
        boolean burstStillRunning = batches.stream().anyMatch(future -> !future.isDone());

        List<Integer> statuses = batches.stream().flatMap(future -> future.join().stream()).toList();
        assertThat(statuses).hasSize(48).containsOnly(200);
        assertThat(burstStillRunning).as("the quiet key was measured while the burst ran").isTrue();
        assertThat(underBurst).as("median latency under the burst (idle: %d ms)", idle)
                .isLessThanOrEqualTo(Math.round(idle * 1.5));
        // 48 calls at most 3 at a time: the burst took at least 16 rounds of the model.
        assertThat(fake.maxConcurrentCalls()).isEqualTo(4);
    }

    /** Sends one summary request of a new article; its latency in milliseconds. */
    private static long summarize(String key, String variant) {
        long start = System.nanoTime();
        given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Articles.digest(SEED + "\n\n" + variant + ".", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(200);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static List<Integer> batch(String key, int number, int size) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(Articles.digest(SEED + "\n\nDépêche " + number + "-" + i + ".", "translate", false));
        }
        return given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("items", items))
                .when().post("/api/v1/digests/batch")
                .then().statusCode(200)
                .extract().jsonPath().getList("results.status", Integer.class);
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
