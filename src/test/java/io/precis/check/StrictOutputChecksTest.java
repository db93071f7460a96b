package io.precis.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.precis.cache.ResultCache;
import io.precis.testing.Circuits;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code OUTPUT_CHECKS=strict}: a text whose defects outlived its corrective turn is refused, never served. */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = {
        @ResourceArg(name = "provider", value = "openai"),
        @ResourceArg(name = "output.checks", value = "strict")})
class StrictOutputChecksTest {

    /** A faithful translation of the seed but for its fourth paragraph, left out. */
    private static final String WITHOUT_FOURTH_PARAGRAPH = withoutFourth(Texts.englishTranslationOf(
            OutputChecksServiceTest.SEED));

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
    void refusesATextWithDefectsWithA502ListingThemAndRefusesItAgainWithoutCallingTheModel() {
        fake.on(Task.SUMMARY, Reply.text(OutputChecksServiceTest.WRONG_NUMBER));
        fake.on(Task.CORRECTION, Reply.text(OutputChecksServiceTest.WRONG_NUMBER));

        for (int attempt = 0; attempt < 2; attempt++) {
            OutputChecksServiceTest.summarize().statusCode(502)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/llm-bad-output"))
                    .body("detail", containsString("OUTPUT_CHECKS=strict"))
                    .body("warnings.code", contains("number-not-in-source"))
                    .body("warnings[0].detail", equalTo("The number '12' is not in the article."));
        }

        assertThat(fake.calls()).extracting(FakeLlmServer.Call::task).containsExactly(Task.SUMMARY, Task.CORRECTION);
    }

    @Test
    void endsAStreamedTranslationWithItsProblemEventListingTheWarnings() {
        fake.on(Task.TRANSLATION, Reply.text(WITHOUT_FOURTH_PARAGRAPH));
        fake.on(Task.CORRECTION, Reply.text(WITHOUT_FOURTH_PARAGRAPH));

        String body = given().contentType(ContentType.JSON)
                .body(Map.of("text", OutputChecksServiceTest.SEED, "targetLanguage", "en"))
                .when().post("/api/v1/translations/stream")
                .then().statusCode(200).extract().asString();

        List<EventStream.Event> events = EventStream.parse(body);
        EventStream.Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("problem");
        assertThat(last.data().path("status").asInt()).isEqualTo(502);
        assertThat(last.data().path("type").asText()).isEqualTo("/problems/llm-bad-output");
        assertThat(last.data().path("warnings").findValuesAsText("code")).contains("paragraph-missing");
    }

    @Test
    void refusesAWarnedItemOfABatchAndServesTheOthers() {
        // Items run at once: the seed's summary has a wrong number, the other article's is its own first sentence.
        String other = OutputChecksServiceTest.QUOTED;
        fake.summarizeWith(article -> article.contains("Rien n'est encore réglé")
                ? other.substring(0, other.indexOf(".") + 1) : OutputChecksServiceTest.WRONG_NUMBER);
        fake.on(Task.CORRECTION, Reply.text(OutputChecksServiceTest.WRONG_NUMBER));

        given().contentType(ContentType.JSON)
                .body(Map.of("items", List.of(
                        Map.of("text", OutputChecksServiceTest.SEED, "summaryLanguage", "en", "summaryLength",
                                "short", "translate", false),
                        Map.of("text", other, "summaryLanguage", "fr", "summaryLength", "short", "translate",
                                false))))
                .when().post("/api/v1/digests/batch")
                .then().statusCode(200)
                .body("results.status", contains(502, 200))
                .body("results[0].problem.type", equalTo("/problems/llm-bad-output"))
                .body("results[0].problem.warnings.code", contains("number-not-in-source"))
                .body("results[1].digest.summary.warnings", nullValue());
    }

    @Test
    void servesATextTheCorrectiveTurnFixed() {
        fake.on(Task.SUMMARY, Reply.text(OutputChecksServiceTest.WRONG_NUMBER));

        OutputChecksServiceTest.summarize().statusCode(200)
                .body("summary.text", equalTo(Texts.ENGLISH_SHORT_SUMMARY));
    }

    private static String withoutFourth(String translation) {
        List<String> paragraphs = List.of(translation.split("\n\n"));
        return String.join("\n\n", paragraphs.subList(0, 3)) + "\n\n"
                + String.join("\n\n", paragraphs.subList(4, paragraphs.size()));
    }
}
