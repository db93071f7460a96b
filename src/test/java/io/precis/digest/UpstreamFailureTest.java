package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.precis.cache.ResultStore;
import io.precis.testing.Articles;
import io.precis.testing.Corpus;
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
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What clients see when the language model fails, and that a failure is never stored: the next request calls the
 * model again.
 */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "openai"),
    @ResourceArg(name = "llm.timeout", value = "2s"),
    @ResourceArg(name = "llm.retry-after", value = "7s")
})
class UpstreamFailureTest {

    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultStore store;

    @BeforeEach
    void reset() {
        fake.reset();
        store.clear();
    }

    @Test
    void rateLimitIsA503WithTheProvidersRetryAfter() {
        fake.on(Task.SUMMARY, Reply.error(429, "rate_limit_exceeded").withHeader("Retry-After", "13"));

        summaryOnly().statusCode(503)
                .header("Retry-After", "13")
                .body("type", equalTo("/problems/llm-unavailable"))
                .body("detail", containsString("rate-limiting"))
                .body("retryAfterSeconds", equalTo(13));

        assertRetriedAfterwards();
    }

    @Test
    void serverErrorIsA503WithTheConfiguredRetryAfter() {
        fake.on(Task.SUMMARY, Reply.error(500, "server_error"));

        summaryOnly().statusCode(503)
                .header("Retry-After", "7")
                .body("type", equalTo("/problems/llm-unavailable"))
                .body("detail", containsString("HTTP 500"));

        assertRetriedAfterwards();
    }

    @Test
    void rejectedCredentialsAreA503ThatPointsTheOperatorAtTheKey() {
        fake.on(Task.SUMMARY, Reply.error(401, "invalid_api_key"));

        summaryOnly().statusCode(503)
                .body("detail", containsString("LLM_API_KEY"))
                .body("detail", not(containsString("test-key-not-a-secret")));
    }

    @Test
    void aRejectedRequestIsA502() {
        fake.on(Task.SUMMARY, Reply.error(400, "context_length_exceeded"));

        summaryOnly().statusCode(502)
                .body("type", equalTo("/problems/llm-rejected"));

        assertRetriedAfterwards();
    }

    @Test
    void timeoutIsA504WithinTheDeadline() {
        fake.on(Task.SUMMARY, Reply.text(Texts.ENGLISH_SUMMARY).after(Duration.ofSeconds(4)));

        long started = System.nanoTime();
        summaryOnly().statusCode(504)
                .body("type", equalTo("/problems/llm-timeout"))
                .body("detail", containsString("LLM_TIMEOUT"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3500));
        assertRetriedAfterwards();
    }

    @Test
    void aBodyDrippingSlowerThanTheDeadlineIsA504() {
        fake.on(Task.SUMMARY, Reply.text(Texts.ENGLISH_SUMMARY).dripping(Duration.ofMillis(50)));

        long started = System.nanoTime();
        summaryOnly().statusCode(504);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3500));
        assertRetriedAfterwards();
    }

    @Test
    void malformedJsonIsA502() {
        fake.on(Task.SUMMARY, Reply.raw(200, "{\"choices\": [{\"message\": {\"content\": \"trunc"));

        summaryOnly().statusCode(502)
                .body("type", equalTo("/problems/llm-bad-output"))
                .body("detail", containsString("malformed"));

        assertRetriedAfterwards();
    }

    @Test
    void aDroppedConnectionIsA503() {
        fake.on(Task.SUMMARY, Reply.hangUp());

        summaryOnly().statusCode(503)
                .body("type", equalTo("/problems/llm-unavailable"));

        assertRetriedAfterwards();
    }

    @Test
    void emptyContentTwiceIsA502AfterOneCorrectiveRetry() {
        fake.on(Task.SUMMARY, Reply.text(""));
        fake.on(Task.CORRECTION, Reply.text("   "));

        summaryOnly().statusCode(502)
                .body("type", equalTo("/problems/llm-bad-output"))
                .body("detail", containsString("empty"));

        assertThat(fake.count(Task.SUMMARY)).isOne();
        assertThat(fake.count(Task.CORRECTION)).isOne();
        assertRetriedAfterwards();
    }

    @Test
    void wrongLanguageTwiceIsA502AfterOneCorrectiveRetry() {
        fake.on(Task.SUMMARY, Reply.text(Texts.GERMAN_ANSWER));
        fake.on(Task.CORRECTION, Reply.text(Texts.FRENCH_SUMMARY));

        summaryOnly().statusCode(502)
                .body("detail", containsString("written in 'fr', not in English"));

        assertRetriedAfterwards();
    }

    @Test
    void wrongLanguageCorrectedOnceIsServedAndStored() {
        fake.on(Task.SUMMARY, Reply.text(Texts.GERMAN_ANSWER));
        fake.on(Task.CORRECTION, Reply.text("Here is the summary:\n\n\"" + Texts.ENGLISH_SUMMARY + "\""));

        summaryOnly().statusCode(200)
                .body("summary.text", equalTo(Texts.ENGLISH_SUMMARY))
                .body("usage.inputTokens", org.hamcrest.Matchers.greaterThan(0));

        FakeLlmServer.Call correction = fake.calls().get(1);
        assertThat(correction.messages()).hasSize(3);
        assertThat(correction.messages().get(1)).isEqualTo(fake.calls().get(0).messages().get(1));
        assertThat(correction.messages().get(2)).contains("it was written in 'de', not in English",
                "only the summary", "entirely in English");
        summaryOnly().statusCode(200).body("cached", equalTo(true));
        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void theDeadlineCoversTheCorrectiveTurn() {
        fake.on(Task.SUMMARY, Reply.text(Texts.GERMAN_ANSWER).after(Duration.ofMillis(1200)));
        fake.on(Task.CORRECTION, Reply.text(Texts.ENGLISH_SUMMARY).after(Duration.ofMillis(1200)));

        long started = System.nanoTime();
        summaryOnly().statusCode(504);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2400));
        assertThat(fake.count(Task.CORRECTION)).isOne();
    }

    @Test
    void anAnswerCutOffAtTheTokenLimitIsA502WithoutASecondCall() {
        fake.on(Task.SUMMARY, Reply.text("Russian President Vladimir Putin and US President Donald Trump met on")
                .finishing("length"));

        summaryOnly().statusCode(502)
                .body("type", equalTo("/problems/llm-bad-output"))
                .body("detail", containsString("cut off"));

        assertThat(fake.calls()).hasSize(1);
        assertRetriedAfterwards();
    }

    @Test
    void anAnswerWithheldByAContentFilterIsA502WithoutASecondCall() {
        fake.on(Task.SUMMARY, Reply.text("").finishing("content_filter"));

        summaryOnly().statusCode(502)
                .body("type", equalTo("/problems/llm-rejected"));

        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void aFailedPartIsAnsweredAtOnceWhileTheOtherFinishesAndIsStored() {
        fake.on(Task.SUMMARY, Reply.error(500, "server_error"));
        fake.on(Task.TRANSLATION, Reply.text(Texts.ENGLISH_TRANSLATION).after(Duration.ofMillis(1500)));

        long started = System.nanoTime();
        given().contentType(ContentType.JSON).body(Articles.digest(SEED))
                .when().post("/api/v1/digests")
                .then().statusCode(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> given().contentType(ContentType.JSON)
                        .body(java.util.Map.of("text", SEED, "targetLanguage", "en"))
                        .when().post("/api/v1/translations")
                        .then().extract().path("cached"), cached -> Boolean.TRUE.equals(cached));
        assertThat(fake.count(Task.TRANSLATION)).isOne();
    }

    @Test
    void aFailedTranslationStoresNothingButTheSummaryThatSucceeded() {
        fake.on(Task.TRANSLATION, Reply.error(503, "overloaded"));

        given().contentType(ContentType.JSON).body(Articles.digest(SEED))
                .when().post("/api/v1/digests")
                .then().statusCode(503);

        given().contentType(ContentType.JSON).body(Articles.digest(SEED))
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("cached", equalTo(false))
                .body("translation.text", equalTo(Texts.ENGLISH_TRANSLATION));
        assertThat(fake.count(Task.SUMMARY)).isOne();
        assertThat(fake.count(Task.TRANSLATION)).isEqualTo(2);
    }

    @Test
    void problemsNeverCarryUpstreamTextOrClassNames() {
        fake.on(Task.SUMMARY, Reply.error(500, "internal_failure_with_secret_detail"));

        ExtractableResponse<Response> response = summaryOnly().statusCode(503).extract();

        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.asString()).doesNotContain("secret_detail", "Exception", "dev.langchain4j", "at io.");
    }

    private void assertRetriedAfterwards() {
        long before = fake.calls().size();
        summaryOnly().statusCode(200).body("cached", equalTo(false));
        assertThat(fake.calls().size()).isEqualTo(before + 1);
    }

    private static ValidatableResponse summaryOnly() {
        return given().contentType(ContentType.JSON).body(Articles.digest(SEED, "translate", false))
                .when().post("/api/v1/digests")
                .then();
    }
}
