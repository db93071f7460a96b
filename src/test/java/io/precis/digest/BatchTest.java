package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.precis.cache.ResultCache;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.Texts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batches: a result or a problem per item, in order; duplicates computed once; bounded concurrency; a size limit. */
@QuarkusTest
@TestProfile(BatchTest.SmallBatches.class)
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class BatchTest {

    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    /** At most 10 articles, 3 at a time. */
    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("batch.max-items", "10", "batch.concurrency", "3");
        }
    }

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    @BeforeEach
    void reset() {
        fake.reset();
        store.clear();
        Circuits.close("openai");
    }

    @Test
    void answersEachItemInOrderWithADigestOrAProblem() {
        batch(List.of(Articles.digest(SEED, "translate", false), Articles.digest("   "),
                Articles.digest(Corpus.text("readability/heise.txt")), Articles.digest(SEED)))
                .statusCode(200)
                .body("results.index", contains(0, 1, 2, 3))
                .body("results.status", contains(200, 422, 422, 200))
                .body("results[0].digest.summary.text", equalTo(Texts.ENGLISH_SUMMARY))
                .body("results[0].digest.translation", nullValue())
                .body("results[0].problem", nullValue())
                .body("results[1].problem.type", equalTo("/problems/no-article-text"))
                .body("results[1].problem.instance", equalTo("/api/v1/digests/batch"))
                .body("results[2].problem.type", equalTo("/problems/unsupported-language"))
                .body("results[3].digest.translation.language", equalTo("en"));
    }

    @Test
    void computesDuplicatesOnce() {
        Object article = Articles.digest(SEED, "translate", false);
        Object other = Articles.digest(SEED + "\n\nUne autre version de l'article.", "translate", false);

        batch(List.of(article, article, other, article, other)).statusCode(200)
                .body("results.status", contains(200, 200, 200, 200, 200));

        assertThat(fake.count(Task.SUMMARY)).isEqualTo(2);
    }

    @Test
    void digestsAtMostTheConfiguredNumberOfArticlesAtOnce() {
        fake.latency(Duration.ofMillis(300));
        List<Object> items = IntStream.range(0, 9).<Object>mapToObj(i -> Articles.digest(
                SEED + "\n\nVersion " + i + " de l'article.", "translate", false)).toList();

        batch(items).statusCode(200);

        assertThat(fake.count(Task.SUMMARY)).isEqualTo(9);
        assertThat(fake.maxConcurrentCalls()).isBetween(2, 3);
    }

    @Test
    void aBatchOverTheLimitIsA413() {
        List<Object> items = IntStream.range(0, 11).<Object>mapToObj(i -> Articles.digest(SEED)).toList();

        batch(items).statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/batch-too-large"))
                .body("detail", org.hamcrest.Matchers.containsString("BATCH_MAX_ITEMS"));
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void anEmptyBatchIsA400() {
        batch(List.of()).statusCode(400).body("errors[0].field", equalTo("items"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/digests/batch")
                .then().statusCode(400);
    }

    private static io.restassured.response.ValidatableResponse batch(List<Object> items) {
        return given().contentType(ContentType.JSON).body(Map.of("items", items))
                .when().post("/api/v1/digests/batch")
                .then();
    }
}
