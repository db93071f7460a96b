package io.precis.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.precis.cache.ResultCache;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.Reply;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** After traffic, /q/metrics shows what operators watch: requests, cache, single flight, model calls and tokens. */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "openai"),
    @ResourceArg(name = "llm.retry.max-retries", value = "0")
})
class MetricsTest {

    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

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
    void exposesTheServicesMetricsInPrometheusFormat() {
        // The registry can outlive one application in a test JVM, so counters are compared before and after.
        String before = scrape();
        fake.latency(Duration.ofMillis(300));
        List<CompletableFuture<Integer>> concurrent = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> digest(SEED, "en")))
                .toList();
        concurrent.forEach(CompletableFuture::join);
        digest(SEED, "en");
        fake.latency(Duration.ZERO);
        fake.on(Task.SUMMARY, Reply.error(503, "down"));
        assertThat(digest(SEED + "\n\nUne autre version.", "fr")).isEqualTo(200);

        String metrics = scrape();

        assertThat(metrics).contains(
                "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"200\","
                        + "uri=\"/api/v1/digests\"}",
                "precis_cache_lookups_total{result=\"hit\",tier=\"memory\"}",
                "precis_cache_lookups_total{result=\"miss\",tier=\"memory\"}",
                "precis_cache_entries{tier=\"memory\"}",
                "precis_singleflight_joins_total",
                "precis_llm_calls_total{model=\"fake-model\",outcome=\"success\",provider=\"openai\"}",
                "precis_llm_calls_total{model=\"fake-model\",outcome=\"unavailable\",provider=\"openai\"}",
                "precis_llm_call_duration_seconds_count{model=\"fake-model\",outcome=\"success\",provider=\"openai\"}",
                "precis_llm_tokens_total{direction=\"input\",model=\"fake-model\",provider=\"openai\"}",
                "precis_llm_tokens_total{direction=\"output\",model=\"fake-model\",provider=\"openai\"}",
                "precis_responses_degraded_total",
                "precis_llm_circuit_state{model=\"fake-model\",provider=\"openai\"}",
                "precis_llm_bulkhead_queue",
                "precis_llm_bulkhead_active");
        assertThat(increase(before, metrics, "precis_singleflight_joins_total")).isEqualTo(2);
        assertThat(increase(before, metrics, "precis_responses_degraded_total")).isEqualTo(1);
        assertThat(increase(before, metrics, "precis_llm_calls_total{model=\"fake-model\",outcome=\"success\","
                + "provider=\"openai\"}")).isEqualTo(1);
        assertThat(increase(before, metrics, "precis_cache_lookups_total{result=\"hit\",tier=\"memory\"}"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void countsARepeatServedFromMemoryAsOneHitAndNoMiss() {
        assertThat(digest(SEED, "fr")).isEqualTo(200);
        String before = scrape();

        assertThat(digest(SEED, "fr")).isEqualTo(200);

        String after = scrape();
        assertThat(increase(before, after, "precis_cache_lookups_total{result=\"hit\",tier=\"memory\"}"))
                .isEqualTo(1);
        assertThat(increase(before, after, "precis_cache_lookups_total{result=\"miss\",tier=\"memory\"}"))
                .isZero();
        assertThat(fake.count(Task.SUMMARY)).isEqualTo(1);
    }

    @Test
    void countsAStoredPartOnceWhenTheOtherMustBeComputed() {
        assertThat(digest(SEED, "fr")).isEqualTo(200);
        String before = scrape();

        int status = given().contentType(ContentType.JSON)
                .body(Articles.digest(SEED, "summaryLanguage", "fr", "targetLanguage", "en"))
                .when().post("/api/v1/digests")
                .then().extract().statusCode();

        assertThat(status).isEqualTo(200);
        assertThat(increase(before, scrape(), "precis_cache_lookups_total{result=\"hit\",tier=\"memory\"}"))
                .isEqualTo(1);
        assertThat(fake.count(Task.TRANSLATION)).isEqualTo(1);
    }

    private static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double increase(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    private static int digest(String article, String language) {
        return given().contentType(ContentType.JSON)
                .body(Articles.digest(article, "summaryLanguage", language, "translate", false))
                .when().post("/api/v1/digests")
                .then().extract().statusCode();
    }

    /** A series' value, or the sum over a name's series; zero when absent. */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")
                        || !series.contains("{") && line.startsWith(series + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
