package io.precis.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.precis.cache.ResultCache;
import io.precis.testing.Articles;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlmResource;
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
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracing is off by default; switched on, a request gets a server span and each model call a client span inside
 * the same trace. Spans go to an in-memory exporter here ({@link InMemorySpans}) instead of an OTLP collector.
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class TracingTest {

    /** QUARKUS_OTEL_SDK_DISABLED=false, spans exported within 50 ms rather than the default 5 s the tests would wait. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Inject
    ResultCache store;

    @BeforeEach
    void reset() {
        store.clear();
        spans.reset();
    }

    @Test
    void aDigestHasARequestSpanAndASpanPerModelCall() {
        given().contentType(ContentType.JSON).body(Articles.digest(Corpus.text(Corpus.SEED_CLEAN)))
                .when().post("/api/v1/digests")
                .then().statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find("POST /api/v1/digests").isPresent()
                && spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("llm ")).count() == 2);
        SpanData request = find("POST /api/v1/digests").orElseThrow();
        List<SpanData> calls = spans.getFinishedSpanItems().stream().filter(s -> s.getName().startsWith("llm "))
                .toList();
        assertThat(calls).extracting(SpanData::getName).containsExactlyInAnyOrder("llm summary", "llm translation");
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(call.getTraceId()).isEqualTo(request.getTraceId());
            assertThat(call.getAttributes().asMap().toString()).contains("gen_ai.request.model=fake-model");
        });
    }

    @Test
    void aModelCallForAnArticleSeenBeforeStaysInItsRequestsTrace() {
        String article = Corpus.text(Corpus.SEED_SCRAPED);
        given().contentType(ContentType.JSON).body(Articles.digest(article, "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find("POST /api/v1/digests").isPresent());
        spans.reset();

        // The text is remembered, so this request starts on the event loop; its summary in French is not stored, so
        // the model call moves to a worker thread.
        given().contentType(ContentType.JSON)
                .body(Articles.digest(article, "summaryLanguage", "fr", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(200).body("cached", org.hamcrest.Matchers.is(false));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find("POST /api/v1/digests").isPresent()
                && find("llm summary").isPresent());
        assertThat(find("llm summary").orElseThrow().getTraceId())
                .isEqualTo(find("POST /api/v1/digests").orElseThrow().getTraceId());
    }

    private Optional<SpanData> find(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst();
    }
}
