package io.precis.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.precis.cache.ResultCache;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.WebhookReceiver;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests run as jobs ({@code Prefer: respond-async}) against a fake model with latency: the 202 and its Location,
 * progress that grows chunk by chunk, the result that equals the synchronous answer, cancel, and what is refused at
 * once. Shares the long-article test's configuration (a model that takes 8 000 tokens), so that Quarkus starts once
 * for both.
 */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "openai"),
    @ResourceArg(name = "llm.max-input-tokens", value = "8000")
})
class JobsTest {

    private static final String LONG_ARTICLE = String.join("\n\n", Articles.numberedParagraphs(40_000));
    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    @Inject
    JobService jobs;

    @BeforeEach
    void reset() {
        jobs.clear();
        store.clear();
        Circuits.close("openai");
        fake.reset();
        fake.translateWith(Articles::numberedTranslation);
    }

    /** A job still running would go on calling the model during the next test class, which shares the model. */
    @AfterEach
    void cancelJobsLeftRunning() {
        jobs.clear();
    }

    @Test
    void aJobOnALongArticleReportsProgressChunkByChunkAndEndsWithTheSynchronousAnswer() {
        // Chunks sent at once end one after the other: the later in the article, the slower.
        fake.latency(call -> Duration.ofMillis(300 + 12L * firstParagraphNumber(call.article())));

        ExtractableResponse<Response> accepted = given().contentType(ContentType.JSON)
                .header("Prefer", "respond-async")
                .body(Map.of("text", LONG_ARTICLE, "targetLanguage", "en"))
                .when().post("/api/v1/translations")
                .then().statusCode(202)
                .header("Preference-Applied", "respond-async")
                .header("Location", matchesPattern("/api/v1/jobs/[0-9a-f]{32}"))
                .body("status", equalTo("running"))
                .body("createdAt", notNullValue())
                .extract();
        String location = accepted.header("Location");
        assertThat(location).endsWith(accepted.path("id"));

        List<Integer> chunksSeen = new ArrayList<>();
        JsonPath finished = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonPath job = given().when().get(location).then().statusCode(200).extract().jsonPath();
                    int done = job.getInt("progress.chunksDone");
                    if (chunksSeen.isEmpty() || chunksSeen.get(chunksSeen.size() - 1) != done) {
                        chunksSeen.add(done);
                    }
                    return job;
                }, job -> job.getString("status").equals("succeeded"));

        int chunks = finished.getInt("progress.chunksTotal");
        assertThat(chunks).isGreaterThan(3).isEqualTo((int) fake.count(Task.TRANSLATION));
        assertThat(finished.getInt("progress.chunksDone")).isEqualTo(chunks);
        assertThat(finished.getInt("progress.partsDone")).isEqualTo(1);
        assertThat(finished.getInt("progress.partsTotal")).isEqualTo(1);
        assertThat(finished.getLong("progress.tokensWritten")).isPositive();
        assertThat(finished.getString("startedAt")).isNotNull();
        assertThat(finished.getString("finishedAt")).isNotNull();
        // Seen growing while it ran: more than the start and the end.
        assertThat(chunksSeen).isSorted().hasSizeGreaterThan(3);
        assertThat(chunksSeen.get(chunksSeen.size() - 1)).isEqualTo(chunks);

        JsonPath synchronous = given().contentType(ContentType.JSON)
                .body(Map.of("text", LONG_ARTICLE, "targetLanguage", "en"))
                .when().post("/api/v1/translations")
                .then().statusCode(200).body("cached", equalTo(true)).extract().jsonPath();
        assertThat(finished.getString("result.translation.text")).isEqualTo(synchronous.getString("translation.text"));
        assertThat(finished.getString("result.articleHash")).isEqualTo(synchronous.getString("articleHash"));
        assertThat(finished.getBoolean("result.cached")).isFalse();
        assertThat(fake.count(Task.TRANSLATION)).isEqualTo(chunks);
    }

    private static int firstParagraphNumber(String chunk) {
        Matcher number = Pattern.compile("§(\\d+) ").matcher(chunk);
        return number.find() ? Integer.parseInt(number.group(1)) : 0;
    }

    @Test
    void cancellingARunningJobStartsNoMoreModelCalls() {
        fake.latency(Duration.ofSeconds(1));
        String location = given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body(Map.of("text", LONG_ARTICLE, "targetLanguage", "en"))
                .when().post("/api/v1/translations")
                .then().statusCode(202).extract().header("Location");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fake.count(Task.TRANSLATION) > 0);

        given().when().delete(location).then().statusCode(200).body("status", equalTo("cancelled"))
                .body("finishedAt", notNullValue()).body("result", nullValue());

        long calls = fake.count(Task.TRANSLATION);
        int chunks = given().when().get(location).then().statusCode(200).body("status", equalTo("cancelled"))
                .extract().path("progress.chunksTotal");
        assertThat(calls).isLessThan(chunks);
        // The chunks not started are never started: the count stays where it was, for longer than two calls take.
        Awaitility.await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> fake.count(Task.TRANSLATION) == calls);
        // Cancelling again changes nothing.
        given().when().delete(location).then().statusCode(200).body("status", equalTo("cancelled"));
    }

    @Test
    void aJobWhosePartsAreAllCachedHasSucceededInTheAcceptedAnswer() {
        given().contentType(ContentType.JSON).body(Articles.digest(SEED))
                .when().post("/api/v1/digests").then().statusCode(200);
        long calls = fake.calls().size();

        given().contentType(ContentType.JSON).header("Prefer", "respond-async").body(Articles.digest(SEED))
                .when().post("/api/v1/digests")
                .then().statusCode(202)
                .body("status", equalTo("succeeded"))
                .body("result.cached", equalTo(true))
                .body("result.summary.text", notNullValue())
                .body("result.translation.text", notNullValue())
                .body("progress.partsDone", equalTo(2))
                .body("progress.chunksTotal", equalTo(0));
        assertThat(fake.calls()).hasSize((int) calls);
    }

    @Test
    void aTextBodyJobReadsTheArticleAsTheSynchronousCallDoes() {
        String hash = given().contentType("text/plain; charset=UTF-8").body(SEED)
                .queryParam("summaryLanguage", "fr").queryParam("translate", "false")
                .when().post("/api/v1/digests").then().statusCode(200).extract().path("articleHash");

        String location = given().contentType("text/plain; charset=UTF-8").header("Prefer", "wait=10, respond-async")
                .body(SEED).queryParam("summaryLanguage", "fr").queryParam("translate", "false")
                .when().post("/api/v1/digests").then().statusCode(202).extract().header("Location");

        given().when().get(location).then().statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("result.articleHash", equalTo(hash))
                .body("result.summary.language", equalTo("fr"))
                .body("result.translation", nullValue());
    }

    @Test
    void aBatchJobEndsWithTheBatchAnswerOneResultPerItem() {
        String location = given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body(Map.of("items", List.of(Articles.digest(SEED, "translate", false), Map.of("text", "   "))))
                .when().post("/api/v1/digests/batch")
                .then().statusCode(202).extract().header("Location");

        JsonPath job = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> given().when().get(location).then().statusCode(200).extract().jsonPath(),
                        found -> found.getString("status").equals("succeeded"));
        assertThat(job.getInt("result.results[0].status")).isEqualTo(200);
        assertThat(job.getString("result.results[0].digest.summary.text")).isNotBlank();
        assertThat(job.getInt("result.results[1].status")).isEqualTo(422);
        assertThat(job.getString("result.results[1].problem.instance")).isEqualTo("/api/v1/digests/batch");
    }

    @Test
    void whatTheSynchronousCallRefusesAtOnceIsRefusedAtOnceNotQueued() {
        given().contentType(ContentType.JSON).header("Prefer", "respond-async").body(Articles.digest("   "))
                .when().post("/api/v1/digests")
                .then().statusCode(422).body("type", equalTo("/problems/no-article-text"));
        given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body(Map.of("text", SEED, "summaryLanguage", "de"))
                .when().post("/api/v1/digests")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).header("Prefer", "respond-async").body(Map.of("items", List.of()))
                .when().post("/api/v1/digests/batch")
                .then().statusCode(400);
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void anUnknownOrMalformedJobIsA404Problem() {
        given().when().get("/api/v1/jobs/0123456789abcdef0123456789abcdef")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"))
                .body("detail", containsString("no such job"));
        given().when().get("/api/v1/jobs/not-a-job-id").then().statusCode(404);
        given().when().delete("/api/v1/jobs/0123456789abcdef0123456789abcdef").then().statusCode(404);
    }

    @Test
    void aFinishedJobIsPostedToItsCallbackSignedAndPostedAgainAfterA500() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start().answer(500)) {
            String id = given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                    .body(Articles.digest(SEED, "translate", false, "callbackUrl", receiver.url("/hooks/precis")))
                    .when().post("/api/v1/digests")
                    .then().statusCode(202).extract().path("id");

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries().size() == 2);
            long now = Instant.now().getEpochSecond();
            for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
                assertThat(delivery.path()).isEqualTo("/hooks/precis");
                assertThat(delivery.headers()).containsEntry("webhook-id", "msg_" + id)
                        .containsEntry("content-type", "application/json");
                assertThat(Long.parseLong(delivery.headers().get("webhook-timestamp"))).isBetween(now - 60, now);
                assertThat(WebhookReceiver.verifies(delivery)).as(delivery.headers().toString()).isTrue();
                JsonPath document = JsonPath.from(delivery.body());
                assertThat(document.getString("id")).isEqualTo(id);
                assertThat(document.getString("status")).isEqualTo("succeeded");
                assertThat(document.getString("result.summary.text")).isNotBlank();
            }
            // A body changed on the way no longer verifies: the check above is not vacuous.
            WebhookReceiver.Delivery first = receiver.deliveries().get(0);
            WebhookReceiver.Delivery changed = new WebhookReceiver.Delivery(first.path(), first.headers(),
                    first.body().replace("succeeded", "failed"));
            assertThat(WebhookReceiver.verifies(changed)).isFalse();
            // The receiver's recipe the docs give verifies the same way.
            assertThat(runVerifyRecipe(first)).isEqualTo("verified");
            assertThat(runVerifyRecipe(changed)).startsWith("refused: no signature matches");
            // Delivered: nothing more comes.
            Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                    .until(() -> receiver.deliveries().size() == 2);
        }
    }

    /** Runs examples/verify_webhook.py on a delivery, as a receiver would; what it printed. */
    private static String runVerifyRecipe(WebhookReceiver.Delivery delivery) throws Exception {
        ProcessBuilder python = new ProcessBuilder("python3", "examples/verify_webhook.py").redirectErrorStream(true);
        python.environment().put("WEBHOOK_SECRET", WebhookReceiver.SECRET);
        python.environment().put("WEBHOOK_ID", delivery.headers().get("webhook-id"));
        python.environment().put("WEBHOOK_TIMESTAMP", delivery.headers().get("webhook-timestamp"));
        python.environment().put("WEBHOOK_SIGNATURE", delivery.headers().get("webhook-signature"));
        Process process = python.start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(delivery.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String printed = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return printed.strip();
    }

    @Test
    void aCallbackThatRedirectsIsNotFollowed() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                    .body(Articles.digest(SEED, "translate", false, "callbackUrl", receiver.url("/redirect")))
                    .when().post("/api/v1/digests")
                    .then().statusCode(202);

            // Three attempts (WEBHOOK_MAX_ATTEMPTS of the test profile), each answered 302, none followed.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.deliveries().size() == 3);
            Awaitility.await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(2))
                    .until(() -> receiver.deliveries().size() == 3);
            assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::path).containsOnly("/redirect");
        }
    }

    @Test
    void callbacksToAddressesNotListedAreRefusedBeforeTheArticleIsRead() {
        for (String refused : List.of("http://169.254.169.254/latest/meta-data/", "http://localhost:8080/hook",
                "http://10.0.0.7/hook", "http://[::1]/hook", "http://2130706433/hook", "https://hooks.example.com/x",
                "ftp://127.0.0.1/hook", "http://user:pass@127.0.0.1/hook", "not a url")) {
            given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                    .body(Articles.digest(SEED, "callbackUrl", refused))
                    .when().post("/api/v1/digests")
                    .then().statusCode(400)
                    .body("errors[0].field", equalTo("callbackUrl"));
        }
        given().contentType(ContentType.JSON)
                .body(Articles.digest(SEED, "callbackUrl", "http://127.0.0.1:9/hook"))
                .when().post("/api/v1/digests")
                .then().statusCode(400)
                .body("detail", containsString("Prefer: respond-async"));
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void withoutThePreferenceTheCallIsAnsweredAsBefore() {
        given().contentType(ContentType.JSON).header("Prefer", "return=minimal").body(Articles.digest(SEED))
                .when().post("/api/v1/digests")
                .then().statusCode(200).header("Preference-Applied", nullValue())
                .body("summary.text", notNullValue());
    }
}
