package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.cache.ResultCache;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.EventStream;
import io.precis.testing.EventStream.Event;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.Reply;
import io.precis.testing.Texts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/translations/stream}: the translation as server-sent events, from a fake OpenAI-compatible
 * server that streams its answer in pieces over the real wire format.
 */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class TranslationStreamTest {

    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);
    private static final Map<String, Object> REQUEST = Map.of("text", SEED, "targetLanguage", "en");
    private static final ObjectMapper JSON = new ObjectMapper();

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    @TestHTTPResource("/api/v1/translations/stream")
    URL streamUrl;

    @BeforeEach
    void reset() {
        fake.reset();
        store.clear();
        Circuits.close("openai");
    }

    @Test
    void streamsTheTranslationAsTheModelWritesItThenTheStoredResult() {
        List<Event> events = stream(REQUEST);

        Event result = events.get(events.size() - 1);
        assertThat(result.name()).isEqualTo("result");
        String translation = result.data().path("translation").path("text").asText();
        assertThat(translation).startsWith(Texts.ENGLISH_TRANSLATION);
        assertThat(result.data().path("cached").asBoolean()).isFalse();
        assertThat(result.data().path("usage").path("inputTokens").asInt()).isPositive();
        assertThat(events.subList(0, events.size() - 1)).hasSizeGreaterThan(10)
                .allSatisfy(event -> assertThat(event.name()).isEqualTo("delta"));
        assertThat(EventStream.text(events)).isEqualTo(translation);
        assertThat(fake.calls()).singleElement().satisfies(call -> {
            assertThat(call.body().path("stream").asBoolean()).isTrue();
            assertThat(call.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        });

        // Stored like any translation: the plain endpoint serves it without another call.
        given().contentType(ContentType.JSON).body(REQUEST)
                .when().post("/api/v1/translations")
                .then().statusCode(200)
                .body("cached", equalTo(true))
                .body("translation.text", equalTo(translation));
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void servesACachedTranslationAtOnceAsOneDelta() {
        String translation = given().contentType(ContentType.JSON).body(REQUEST)
                .when().post("/api/v1/translations")
                .then().statusCode(200).extract().path("translation.text");

        List<Event> events = stream(REQUEST);

        assertThat(events).extracting(Event::name).containsExactly("delta", "result");
        assertThat(events.get(0).text()).isEqualTo(translation);
        assertThat(events.get(1).data().path("cached").asBoolean()).isTrue();
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void refusesARequestItCannotServeWithAProblemResponseBeforeAnyEvent() {
        given().contentType(ContentType.JSON).body(Map.of("text", "   "))
                .when().post("/api/v1/translations/stream")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422));
        given().contentType(ContentType.JSON).body(Map.of("text", SEED, "targetLanguage", "xx"))
                .when().post("/api/v1/translations/stream")
                .then().statusCode(400)
                .contentType("application/problem+json");
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void endsWithAProblemEventWhenTheModelIsUnavailableAndStoresNothing() {
        fake.on(Task.TRANSLATION, Reply.error(401, "invalid_api_key"));

        List<Event> events = stream(REQUEST);

        assertThat(events).extracting(Event::name).containsExactly("problem");
        assertThat(events.get(0).data().path("status").asInt()).isEqualTo(503);
        assertThat(events.get(0).data().path("type").asText()).endsWith("/llm-unavailable");
        assertThat(events.get(0).data().path("instance").asText()).isEqualTo("/api/v1/translations/stream");
        assertThat(events.get(0).data().toString()).doesNotContain("Exception", "invalid_api_key");

        given().contentType(ContentType.JSON).body(REQUEST)
                .when().post("/api/v1/translations")
                .then().statusCode(200).body("cached", equalTo(false));
    }

    @Test
    void restartsWhenTheAnswerIsUnusableAndEndsWithTheCorrectedText() {
        fake.on(Task.TRANSLATION, Reply.text(Texts.frenchTranslationOf(SEED)));
        fake.on(Task.CORRECTION, Reply.text(Texts.englishTranslationOf(SEED)));

        List<Event> events = stream(REQUEST);

        List<String> names = events.stream().map(Event::name).toList();
        assertThat(names).containsOnlyOnce("restart").endsWith("result");
        assertThat(names.subList(0, names.indexOf("restart"))).isNotEmpty().containsOnly("delta");
        assertThat(EventStream.text(events.subList(0, names.indexOf("restart"))))
                .isEqualTo(Texts.frenchTranslationOf(SEED));
        String translation = events.get(events.size() - 1).data().path("translation").path("text").asText();
        assertThat(translation).startsWith(Texts.ENGLISH_TRANSLATION);
        assertThat(EventStream.text(events)).isEqualTo(translation);
    }

    @Test
    void endsWithTheCleanedTextWhenCleaningChangedWhatWasStreamed() {
        String english = Texts.englishTranslationOf(SEED);
        fake.on(Task.TRANSLATION, Reply.text("Here is the translation:\n\n" + english));

        List<Event> events = stream(REQUEST);

        assertThat(EventStream.text(events.subList(0, events.size() - 3))).startsWith("Here is the translation:");
        assertThat(events.subList(events.size() - 3, events.size())).extracting(Event::name)
                .containsExactly("restart", "delta", "result");
        assertThat(events.get(events.size() - 1).data().path("translation").path("text").asText())
                .isEqualTo(english);
        assertThat(EventStream.text(events)).isEqualTo(english);
    }

    /** Direction overrides and controls never reach a client, not even in a delta; markup leaves with the restart. */
    @Test
    void streamsNoControlOrDirectionOverrideAndEndsWithoutMarkup() {
        String english = Texts.englishTranslationOf(SEED);
        fake.on(Task.TRANSLATION, Reply.text("<b>" + english.replaceFirst(" ", " \u202E\u0000\u0007") + "</b>"));

        List<Event> events = stream(REQUEST);

        assertThat(events).extracting(event -> event.data().toString())
                .noneMatch(data -> data.contains("\u202E") || data.contains("\\u202E") || data.contains("\\u0000")
                        || data.contains("\\u0007"));
        assertThat(events.get(events.size() - 1).data().path("translation").path("text").asText())
                .isEqualTo(english);
        assertThat(EventStream.text(events)).isEqualTo(english);
    }

    @Test
    void restartsWhenAStreamIsCutShortAndRetried() {
        fake.on(Task.TRANSLATION, Reply.text(Texts.englishTranslationOf(SEED)).cutAfter(3));

        List<Event> events = stream(REQUEST);

        assertThat(events).extracting(Event::name).startsWith("delta", "delta", "delta", "restart", "delta")
                .endsWith("result");
        String translation = events.get(events.size() - 1).data().path("translation").path("text").asText();
        assertThat(EventStream.text(events)).isEqualTo(translation).startsWith(Texts.ENGLISH_TRANSLATION);
        assertThat(fake.count(Task.TRANSLATION)).isEqualTo(2);
    }

    @Test
    void cancelsTheModelCallWhenItsOnlyClientHangsUp() {
        // An article of its own: the other tests translate SEED, and a call of theirs still winding down on a loaded
        // machine would be joined (one flight per task) and would not be this client's to cancel.
        String article = SEED + "\n\nCette rencontre est la seule de l'été entre les deux dirigeants.";
        Map<String, Object> request = Map.of("text", article, "targetLanguage", "en");
        fake.on(Task.TRANSLATION, Reply.text(Texts.englishTranslationOf(article)).dripping(Duration.ofMillis(100)));

        try (EventStream events = EventStream.post(streamUrl.toString(), json(request))) {
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.next().name()).isEqualTo("delta");
        }

        // Well under a second. The whole answer drips for about 12 s, and before the stream was read on a thread of
        // its own (ProviderHttpClientTest), a fast upstream sometimes had it read on the waiting thread, whose
        // interrupt the read ignored: the model wrote to the end and this waited in vain.
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.hangUps() == 1);
        // Nothing half-written was stored: the next request calls the model again.
        given().contentType(ContentType.JSON).body(request)
                .when().post("/api/v1/translations")
                .then().statusCode(200).body("cached", equalTo(false));
        assertThat(fake.count(Task.TRANSLATION)).isEqualTo(2);
    }

    @Test
    void keepsTheModelCallForAnotherClientAndReplaysTheTextSoFarToIt() {
        fake.on(Task.TRANSLATION, Reply.text(Texts.englishTranslationOf(SEED)).dripping(Duration.ofMillis(30)));
        List<Event> second;
        try (EventStream first = EventStream.post(streamUrl.toString(), json(REQUEST))) {
            first.next();
            first.next();
            try (EventStream joining = EventStream.post(streamUrl.toString(), json(REQUEST))) {
                Event replayed = joining.next();
                assertThat(replayed.name()).isEqualTo("delta");
                assertThat(replayed.text()).startsWith(Texts.ENGLISH_TRANSLATION.substring(0, 17));
                first.close();
                second = new java.util.ArrayList<>(List.of(replayed));
                second.addAll(joining.rest());
            }
        }

        Event result = second.get(second.size() - 1);
        assertThat(result.name()).isEqualTo("result");
        String translation = result.data().path("translation").path("text").asText();
        assertThat(translation).isEqualTo(Texts.englishTranslationOf(SEED));
        assertThat(EventStream.text(second)).isEqualTo(translation);
        assertThat(fake.count(Task.TRANSLATION)).isEqualTo(1);
        assertThat(fake.hangUps()).isZero();
    }

    @Test
    void anArticleAlreadyInTheTargetLanguageIsItsOwnTranslation() {
        String english = Texts.ENGLISH_TRANSLATION;

        List<Event> events = stream(Map.of("text", english, "targetLanguage", "en"));

        assertThat(events).extracting(Event::name).containsExactly("delta", "result");
        assertThat(events.get(1).data().path("translation").path("text").asText()).isEqualTo(english);
        assertThat(fake.calls()).isEmpty();
    }

    private static List<Event> stream(Map<String, Object> body) {
        String events = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/translations/stream")
                .then().statusCode(200)
                .contentType("text/event-stream")
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .extract().asString();
        return EventStream.parse(events);
    }

    private static String json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
