package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.precis.cache.ResultCache;
import io.precis.llm.LlmProvider;
import io.precis.task.Author;
import io.precis.task.ModelIdentity;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.EventStream;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.Reply;
import io.precis.testing.Texts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The digest API against a fake Ollama server speaking its native /api/chat, through the real LangChain4j client. */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "ollama"),
    @ResourceArg(name = "llm.ollama.num-ctx", value = "8192")
})
class OllamaDigestTest {

    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    @Inject
    LlmProvider provider;

    @BeforeEach
    void reset() {
        fake.reset();
        store.clear();
        Circuits.close("ollama");
    }

    @Test
    void summarizesAndTranslatesThroughTheNativeApi() {
        given().contentType(ContentType.JSON).body(Articles.digest(SEED))
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("summary.text", equalTo(Texts.ENGLISH_SUMMARY))
                .body("translation.text", startsWith(Texts.ENGLISH_TRANSLATION))
                .body("model.provider", equalTo("ollama"))
                .body("model.name", equalTo("fake-model"))
                .body("usage.inputTokens", greaterThan(0))
                .body("cached", equalTo(false));

        assertThat(fake.calls()).hasSize(2).allSatisfy(call -> {
            assertThat(call.path()).isEqualTo("/api/chat");
            JsonNode body = call.body();
            assertThat(body.path("model").asText()).isEqualTo("fake-model");
            // Streamed, so that no thread waits for the answer.
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.2);
            assertThat(body.path("options").path("num_ctx").asInt()).isEqualTo(8192);
            assertThat(body.path("options").path("num_predict").asInt()).isGreaterThan(0);
        });
    }

    @Test
    void writesAsTheServerItCallsWithTheContextItAsksFor() {
        Author author = provider.author();

        assertThat(author.model()).isEqualTo(new ModelIdentity("ollama", "fake-model", fake.url()));
        assertThat(author.settings().contextTokens()).isEqualTo(8192);
        assertThat(author.settings().temperature()).isEqualTo(0.2);
    }

    @Test
    void writesFrenchSummariesAndServesRepeatsFromCache() {
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON)
                    .body(Articles.digest(SEED, "summaryLanguage", "fr", "translate", false))
                    .when().post("/api/v1/digests")
                    .then().statusCode(200)
                    .body("summary.text", equalTo(Texts.FRENCH_SUMMARY))
                    .body("cached", equalTo(i == 1));
        }
        assertThat(fake.count(Task.SUMMARY)).isOne();
    }

    @Test
    void streamsATranslationThroughTheNativeStreamingApi() {
        List<EventStream.Event> events = EventStream.parse(given().contentType(ContentType.JSON)
                .body(java.util.Map.of("text", SEED, "targetLanguage", "en"))
                .when().post("/api/v1/translations/stream")
                .then().statusCode(200)
                .extract().asString());

        EventStream.Event result = events.get(events.size() - 1);
        String translation = result.data().path("translation").path("text").asText();
        assertThat(translation).startsWith(Texts.ENGLISH_TRANSLATION);
        assertThat(events.subList(0, events.size() - 1)).hasSizeGreaterThan(10)
                .allSatisfy(event -> assertThat(event.name()).isEqualTo("delta"));
        assertThat(EventStream.text(events)).isEqualTo(translation);
        assertThat(result.data().path("usage").path("outputTokens").asInt()).isPositive();
        assertThat(fake.calls()).singleElement()
                .satisfies(call -> assertThat(call.body().path("stream").asBoolean()).isTrue());
    }

    @Test
    void retriesAStreamThatEndsBeforeItsLastLine() {
        fake.on(Task.TRANSLATION, Reply.text(Texts.englishTranslationOf(SEED)).cutAfter(2));

        List<EventStream.Event> events = EventStream.parse(given().contentType(ContentType.JSON)
                .body(java.util.Map.of("text", SEED, "targetLanguage", "en"))
                .when().post("/api/v1/translations/stream")
                .then().statusCode(200)
                .extract().asString());

        assertThat(events).extracting(EventStream.Event::name).startsWith("delta", "delta", "restart")
                .endsWith("result");
        assertThat(EventStream.text(events)).startsWith(Texts.ENGLISH_TRANSLATION);
        assertThat(fake.count(Task.TRANSLATION)).isEqualTo(2);
    }

    @Test
    void anOllamaErrorIsA503() {
        for (int i = 0; i < 4; i++) {
            fake.on(Task.SUMMARY, Reply.raw(500, "{\"error\": \"model runner has unexpectedly stopped\"}"));
        }

        given().contentType(ContentType.JSON).body(Articles.digest(SEED, "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(503)
                .body("type", equalTo("/problems/llm-unavailable"));
    }

    @Test
    void anUnknownModelIsA503NamingTheSetting() {
        fake.on(Task.SUMMARY, Reply.raw(404, "{\"error\": \"model 'fake-model' not found\"}"));

        given().contentType(ContentType.JSON).body(Articles.digest(SEED, "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(503)
                .body("detail", org.hamcrest.Matchers.containsString("LLM_MODEL"));
    }
}
