package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.precis.cache.ResultCache;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every upstream fault against a fake provider: the status the client sees, the number of upstream calls, the time
 * taken, and that nothing was cached (the next request calls the model again). Backoffs are short here so that the
 * suite stays fast; the logic is the same as with the defaults.
 */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "openai"),
    @ResourceArg(name = "llm.timeout", value = "2s"),
    @ResourceArg(name = "llm.retry.max-retries", value = "2"),
    @ResourceArg(name = "llm.retry.delay", value = "100ms"),
    @ResourceArg(name = "llm.retry.max-delay", value = "400ms"),
    @ResourceArg(name = "llm.retry.after", value = "7s"),
    @ResourceArg(name = "llm.circuit.request-volume", value = "4"),
    @ResourceArg(name = "llm.circuit.failure-ratio", value = "0.75"),
    @ResourceArg(name = "llm.circuit.delay", value = "1s"),
    @ResourceArg(name = "llm.max-concurrency", value = "2"),
    @ResourceArg(name = "llm.max-queue", value = "1"),
    @ResourceArg(name = "job.timeout", value = "6s")
})
class FaultToleranceTest {

    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private static boolean warm;

    @BeforeEach
    void reset() {
        if (!warm) {
            // The first call of a fresh application loads classes for a second; timings below must not pay for it.
            summaryOnly(Corpus.text("readability/lemonde-1.txt")).statusCode(200);
            warm = true;
        }
        fake.reset();
        store.clear();
        Circuits.close("openai");
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void aRateLimitIsRetriedAfterTheWaitTheProviderAsksFor() {
        fake.on(Task.SUMMARY, Reply.error(429, "rate_limit_exceeded").withHeader("Retry-After", "1"));

        Duration took = timed(() -> summaryOnly().statusCode(200).body("cached", equalTo(false)));

        assertThat(fake.count(Task.SUMMARY)).isEqualTo(2);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRateLimitWaitLongerThanTheDeadlineIsA503AtOnce() {
        fake.on(Task.SUMMARY, Reply.error(429, "rate_limit_exceeded").withHeader("Retry-After", "13"));

        Duration took = timed(() -> summaryOnly().statusCode(503)
                .header("Retry-After", "13")
                .body("type", equalTo("/problems/llm-unavailable"))
                .body("detail", containsString("rate-limiting"))
                .body("retryAfterSeconds", equalTo(13)));

        assertThat(fake.calls()).hasSize(1);
        // At once: well under the 2 s deadline a wait would have run into (and the 13 s asked), even as the first
        // request of a cold test instance on a loaded machine.
        assertThat(took).isLessThan(Duration.ofMillis(1500));
        assertNothingWasCached();
    }

    @Test
    void anExhaustedQuotaIsNeverRetried() {
        fake.on(Task.SUMMARY, Reply.error(429, "insufficient_quota"));

        summaryOnly().statusCode(503)
                .header("Retry-After", "7")
                .body("detail", containsString("quota"));

        assertThat(fake.calls()).hasSize(1);
        assertNothingWasCached();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenA503() {
        fake.on(Task.SUMMARY, Reply.error(500, "server_error"), Reply.error(500, "server_error"),
                Reply.error(500, "server_error"));

        Duration took = timed(() -> summaryOnly().statusCode(503)
                .header("Retry-After", "7")
                .body("type", equalTo("/problems/llm-unavailable"))
                .body("detail", containsString("HTTP 500")));

        assertThat(fake.calls()).hasSize(3);
        // Two backoffs: 50-100 ms, then 100-200 ms.
        assertThat(took).isBetween(Duration.ofMillis(150), Duration.ofMillis(1500));
        assertNothingWasCached();
    }

    @Test
    void aServiceUnavailableThatRecoversOnRetryIsServed() {
        fake.on(Task.SUMMARY, Reply.error(503, "overloaded"));

        summaryOnly().statusCode(200).body("summary.text", equalTo(Texts.ENGLISH_SUMMARY));

        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void aTimeoutIsA504WithinTheDeadlineAndNotRetried() {
        fake.on(Task.SUMMARY, Reply.text(Texts.ENGLISH_SUMMARY).after(Duration.ofSeconds(4)));

        Duration took = timed(() -> summaryOnly().statusCode(504)
                .body("type", equalTo("/problems/llm-timeout"))
                .body("detail", containsString("LLM_TIMEOUT"))
                .body("detail", containsString("'Prefer: respond-async'")));

        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(2800));
        assertThat(fake.calls()).hasSize(1);
        assertNothingWasCached();
    }

    @Test
    void theSameCallAsAJobHasUntilJobTimeoutNotLlmTimeout() {
        fake.on(Task.SUMMARY, Reply.text(Texts.ENGLISH_SUMMARY).after(Duration.ofSeconds(4)));

        String location = given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body(Articles.digest(SEED, "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(202).body("status", equalTo("running"))
                .extract().header("Location");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when().get(location)
                .then().statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("result.summary.text", equalTo(Texts.ENGLISH_SUMMARY)));
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void aJobStillRunningAtJobTimeoutFailsWithATimeoutProblem() {
        fake.on(Task.SUMMARY, Reply.text(Texts.ENGLISH_SUMMARY).after(Duration.ofSeconds(9)));

        String location = given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body(Articles.digest(SEED, "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(202).extract().header("Location");

        Duration took = timed(() -> Awaitility.await().atMost(Duration.ofSeconds(9)).untilAsserted(() ->
                given().when().get(location).then().statusCode(200)
                        .body("status", equalTo("failed"))
                        .body("problem.status", equalTo(504))
                        .body("problem.type", equalTo("/problems/llm-timeout"))
                        .body("problem.instance", equalTo(location))
                        .body("problem.detail", not(containsString("Prefer")))));
        assertThat(took).isBetween(Duration.ofMillis(5000), Duration.ofMillis(7800));
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void aBodyDrippingSlowerThanTheDeadlineIsA504() {
        // About 35 events, one every 200 ms: the answer would take 7 s.
        fake.on(Task.SUMMARY, Reply.text(Texts.ENGLISH_SUMMARY).dripping(Duration.ofMillis(200)));

        Duration took = timed(() -> summaryOnly().statusCode(504));

        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofMillis(2800));
        assertThat(fake.calls()).hasSize(1);
        assertNothingWasCached();
    }

    @Test
    void aResetConnectionIsRetried() {
        fake.on(Task.SUMMARY, Reply.hangUp());

        summaryOnly().statusCode(200);

        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void connectionsResetOnEveryAttemptAreA503() {
        fake.on(Task.SUMMARY, Reply.hangUp(), Reply.hangUp(), Reply.hangUp());

        summaryOnly().statusCode(503).body("type", equalTo("/problems/llm-unavailable"));

        assertThat(fake.calls()).hasSize(3);
        assertNothingWasCached();
    }

    @Test
    void anEmptyBodyIsRetriedThenA502() {
        fake.on(Task.SUMMARY, Reply.raw(200, ""), Reply.raw(200, ""), Reply.raw(200, ""));

        summaryOnly().statusCode(502).body("type", equalTo("/problems/llm-bad-output"));

        assertThat(fake.calls()).hasSize(3);
        assertNothingWasCached();
    }

    @Test
    void anEmptyAnswerIsRetriedThenA502() {
        fake.on(Task.SUMMARY, Reply.text(""), Reply.text(""), Reply.text(" "));

        summaryOnly().statusCode(502)
                .body("type", equalTo("/problems/llm-bad-output"))
                .body("detail", containsString("empty"));

        assertThat(fake.calls()).hasSize(3);
        assertNothingWasCached();
    }

    @Test
    void malformedJsonIsRetriedThenA502() {
        String truncated = "data: {\"choices\": [{\"delta\": {\"content\": \"trunc\n\n";
        fake.on(Task.SUMMARY, Reply.raw(200, truncated), Reply.raw(200, truncated), Reply.raw(200, truncated));

        summaryOnly().statusCode(502)
                .body("type", equalTo("/problems/llm-bad-output"))
                .body("detail", containsString("malformed"));

        assertThat(fake.calls()).hasSize(3);
        assertNothingWasCached();
    }

    @Test
    void wrongLanguageTwiceIsA502AfterOneCorrectiveTurnAndNoRetry() {
        fake.on(Task.SUMMARY, Reply.text(Texts.GERMAN_ANSWER));
        fake.on(Task.CORRECTION, Reply.text(Texts.FRENCH_SUMMARY));

        summaryOnly().statusCode(502)
                .body("detail", containsString("written in 'fr', not in English"));

        assertThat(fake.count(Task.SUMMARY)).isOne();
        assertThat(fake.count(Task.CORRECTION)).isOne();
        assertNothingWasCached();
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

        Duration took = timed(() -> summaryOnly().statusCode(504));

        assertThat(took).isLessThan(Duration.ofMillis(2400));
        assertThat(fake.count(Task.CORRECTION)).isOne();
    }

    @Test
    void rejectedCredentialsAreA503ThatIsNotRetried() {
        fake.on(Task.SUMMARY, Reply.error(401, "invalid_api_key"));

        summaryOnly().statusCode(503)
                .body("detail", containsString("LLM_API_KEY"))
                .body("detail", not(containsString("test-key-not-a-secret")));

        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void aRejectedRequestIsA502ThatIsNotRetried() {
        fake.on(Task.SUMMARY, Reply.error(400, "context_length_exceeded"));

        summaryOnly().statusCode(502).body("type", equalTo("/problems/llm-rejected"));

        assertThat(fake.calls()).hasSize(1);
        assertNothingWasCached();
    }

    @Test
    void anAnswerCutOffAtTheTokenLimitIsA502WithoutAnotherCall() {
        fake.on(Task.SUMMARY, Reply.text("Russian President Vladimir Putin and US President Donald Trump met on")
                .finishing("length"));

        summaryOnly().statusCode(502)
                .body("type", equalTo("/problems/llm-bad-output"))
                .body("detail", containsString("cut off"));

        assertThat(fake.calls()).hasSize(1);
        assertNothingWasCached();
    }

    @Test
    void anAnswerWithheldByAContentFilterIsA502WithoutAnotherCall() {
        fake.on(Task.SUMMARY, Reply.text("").finishing("content_filter"));

        summaryOnly().statusCode(502).body("type", equalTo("/problems/llm-rejected"));

        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAfterAProbe() {
        String cached = SEED + "\n\nUn paragraphe qui change le hash de cet article déjà résumé.";
        summaryOnly(cached).statusCode(200);
        fake.reset();
        for (int i = 0; i < 9; i++) {
            fake.on(Task.SUMMARY, Reply.error(500, "server_error"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> summaryOnly().statusCode(503).extract()
                .<String>path("detail").contains("circuit open"));
        int callsWhenOpen = fake.calls().size();

        Duration took = timed(() -> summaryOnly().statusCode(503)
                .body("detail", containsString("circuit open"))
                .header("Retry-After", "1"));
        assertThat(took).isLessThan(Duration.ofMillis(300));
        assertThat(fake.calls()).hasSize(callsWhenOpen);
        summaryOnly(cached).statusCode(200).body("cached", equalTo(true));
        assertThat(fake.calls()).hasSize(callsWhenOpen);

        fake.reset();
        Awaitility.await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200))
                .until(() -> summaryOnly().extract().statusCode() == 200);
        assertThat(fake.calls()).hasSize(1);
        summaryOnly(SEED + "\n\nEncore un autre paragraphe.").statusCode(200);
        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void overflowingTheBulkheadIsAQuick503() {
        fake.latency(Duration.ofMillis(800));
        List<CompletableFuture<Integer>> running = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> summaryOnly(SEED + "\n\nVariante " + i + " de"
                        + " l'article, pour qu'il ne soit pas dans le cache.").extract().statusCode()))
                .toList();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> fake.calls().size() == 2
                && gauge("precis.llm.bulkhead.queue") == 1);

        String[] retryAfter = new String[1];
        Duration took = timed(() -> retryAfter[0] = summaryOnly().statusCode(503)
                .body("type", equalTo("/problems/overloaded"))
                .extract().header("Retry-After"));

        assertThat(took).isLessThan(Duration.ofMillis(500));
        // How long the queue takes to drain at the pace of the calls before it (LlmExecutorTest, QueueDrainTest), or
        // LLM_RETRY_AFTER (7 s) if none ran before this test: whole seconds, at most LLM_QUEUE_TIMEOUT + LLM_TIMEOUT.
        assertThat(Integer.parseInt(retryAfter[0])).isBetween(1, 122);
        assertThat(running).allSatisfy(r -> assertThat(r.join()).isEqualTo(200));
        assertThat(fake.calls()).hasSize(3);
    }

    @Test
    void aSummaryInTheArticlesLanguageFallsBackToTheExtractiveSummarizerAndIsNotCached() {
        fake.on(Task.SUMMARY, Reply.error(503, "down"), Reply.error(503, "down"), Reply.error(503, "down"));

        given().contentType(ContentType.JSON).body(Articles.digest(SEED, "summaryLanguage", "fr", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("degraded", equalTo(true))
                // Named after what wrote it, with why the model did not.
                .body("model.provider", equalTo("extractive"))
                .body("degradedReason", containsString("503"))
                .body("cached", equalTo(false))
                .body("summary.text", startsWith("Le président russe Vladimir Poutine"));

        given().contentType(ContentType.JSON).body(Articles.digest(SEED, "summaryLanguage", "fr", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("degraded", equalTo(false))
                .body("model.provider", equalTo("openai"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("degradedReason")))
                .body("summary.text", equalTo(Texts.FRENCH_SUMMARY));
        assertThat(fake.calls()).hasSize(4);
    }

    @Test
    void translationsHaveNoFallback() {
        for (int i = 0; i < 3; i++) {
            fake.on(Task.TRANSLATION, Reply.error(503, "down"));
        }

        given().contentType(ContentType.JSON).body(Articles.digest(SEED, "summaryLanguage", "fr"))
                .when().post("/api/v1/digests")
                .then().statusCode(503);
    }

    @Test
    void aFailedPartIsAnsweredAtOnceWhileTheOtherFinishesAndIsStored() {
        fake.on(Task.SUMMARY, Reply.error(400, "bad_request"));
        fake.on(Task.TRANSLATION, Reply.text(Texts.englishTranslationOf(SEED)).after(Duration.ofMillis(1500)));

        Duration took = timed(() -> given().contentType(ContentType.JSON).body(Articles.digest(SEED))
                .when().post("/api/v1/digests")
                .then().statusCode(502));
        assertThat(took).isLessThan(Duration.ofMillis(1000));

        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> given().contentType(ContentType.JSON).body(Map.of("text", SEED, "targetLanguage", "en"))
                        .when().post("/api/v1/translations")
                        .then().extract().path("cached"), cached -> Boolean.TRUE.equals(cached));
        assertThat(fake.count(Task.TRANSLATION)).isOne();
    }

    @Test
    void problemsNeverCarryUpstreamTextOrClassNames() {
        fake.on(Task.SUMMARY, Reply.error(400, "internal_failure_with_secret_detail"));

        ExtractableResponse<Response> response = summaryOnly().statusCode(502).extract();

        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.asString()).doesNotContain("secret_detail", "Exception", "dev.langchain4j", "at io.");
    }

    private void assertNothingWasCached() {
        fake.reset();
        summaryOnly().statusCode(200).body("cached", equalTo(false));
        assertThat(fake.calls()).hasSize(1);
    }

    private static Duration timed(Runnable request) {
        long started = System.nanoTime();
        request.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static ValidatableResponse summaryOnly() {
        return summaryOnly(SEED);
    }

    private static ValidatableResponse summaryOnly(String article) {
        return given().contentType(ContentType.JSON).body(Articles.digest(article, "translate", false))
                .when().post("/api/v1/digests")
                .then();
    }
}
