package io.precis.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.precis.cache.ResultCache;
import io.precis.metering.Limits;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.LogCapture;
import io.precis.testing.Reply;
import io.precis.testing.Texts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API keys, per-key rate limits, and logs that never carry article text, model output or keys. */
@QuarkusTest
@TestProfile(ApiSecurityTest.KeysAndLimits.class)
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class ApiSecurityTest {

    private static final String KEY = "k-3f9a0c5e1b7d2a4c";
    private static final String OTHER_KEY = "k-other-9d8c7b6a";

    /** Two API keys, a burst of three requests per key, and five wrong keys per client address. */
    public static class KeysAndLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("api.keys", KEY + ", " + OTHER_KEY, "rate-limit.per-minute", "6",
                    "rate-limit.burst", "3", "rate-limit.failed-keys-per-minute", "5");
        }
    }

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    @Inject
    Limits limits;

    @Inject
    KeyAttempts attempts;

    @BeforeEach
    void reset() {
        fake.reset();
        store.clear();
        Circuits.close("openai");
        limits.forgetAll();
        attempts.forgetAll();
    }

    @Test
    void refusesCallsWithoutAValidKey() {
        given().when().get("/api/v1/languages")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("/problems/unauthorized"));
        given().header("Authorization", "Bearer wrong-key").when().get("/api/v1/languages")
                .then().statusCode(401);
        given().header("X-API-Key", KEY + "x").when().get("/api/v1/languages")
                .then().statusCode(401);
        given().header("Authorization", "Basic " + KEY).when().get("/api/v1/languages")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body(Articles.digest(Corpus.text(Corpus.SEED_CLEAN)))
                .when().post("/api/v1/digests")
                .then().statusCode(401);
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void acceptsEitherKeyAsBearerTokenOrHeader() {
        given().header("Authorization", "Bearer " + KEY).when().get("/api/v1/languages").then().statusCode(200);
        given().header("X-API-Key", OTHER_KEY).when().get("/api/v1/languages").then().statusCode(200);
    }

    @Test
    void leavesHealthMetricsAndDocsOpen() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/problems/unauthorized").then().statusCode(200);
    }

    @Test
    void limitsEachKeyToItsBurstThenAnswers429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", KEY).when().get("/api/v1/languages").then().statusCode(200);
        }

        given().header("X-API-Key", KEY).when().get("/api/v1/languages")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("type", equalTo("/problems/too-many-requests"));
        given().header("X-API-Key", OTHER_KEY).when().get("/api/v1/languages").then().statusCode(200);
    }

    @Test
    void logsNeverCarryArticleTextModelOutputOrKeys() {
        String sentinel = "Zéphyrine Quillebœuf-Marchand";
        String article = Corpus.text(Corpus.SEED_CLEAN) + "\n\nSelon " + sentinel + ", la rencontre a duré trois"
                + " heures et s'est achevée sans déclaration commune.";
        fake.on(Task.SUMMARY, Reply.text(Texts.GERMAN_ANSWER), Reply.error(500, "boom " + sentinel));
        fake.on(Task.CORRECTION, Reply.text(Texts.ENGLISH_SUMMARY));

        try (LogCapture logs = LogCapture.start()) {
            given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON)
                    .body(Articles.digest(article, "title", "Titre " + sentinel))
                    .when().post("/api/v1/digests")
                    .then().statusCode(200);
            given().header("X-API-Key", KEY).contentType(ContentType.JSON)
                    .body(Articles.digest(article + " Fin.", "translate", false))
                    .when().post("/api/v1/digests")
                    .then().statusCode(200);
            given().header("Authorization", "Bearer " + KEY + "-wrong").when().get("/api/v1/languages")
                    .then().statusCode(401);

            List<String> lines = logs.atInfoOrAbove();
            assertThat(lines).as("the test must have produced logs to inspect").isNotEmpty();
            assertThat(lines).noneSatisfy(line -> assertThat(line).containsAnyOf(sentinel, "Quillebœuf", KEY,
                    Texts.ENGLISH_SUMMARY.substring(0, 40), Texts.GERMAN_ANSWER.substring(0, 40),
                    "Vladimir Poutine"));
        }
    }

    /**
     * Refused before routing, a request is tagged with its raw path; Micrometer keeps 100 values of a tag, so random
     * paths once pushed the API's own routes out of the HTTP metrics. Now they share one tag.
     */
    @Test
    void requestsToRandomPathsCannotPushTheApiRoutesOutOfTheMetrics() {
        for (int i = 0; i < 150; i++) {
            // 401 for the first wrong keys, 429 once this address has presented too many.
            given().header("X-API-Key", "wrong-" + i).when().get("/api/v1/random-" + i)
                    .then().statusCode(org.hamcrest.Matchers.oneOf(401, 429));
        }
        attempts.forgetAll();
        given().header("X-API-Key", KEY).when().get("/api/v1/languages").then().statusCode(200);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> requests = metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count"))
                .toList();
        assertThat(requests).anySatisfy(line -> assertThat(line).contains("uri=\"/api/v1/languages\"",
                "status=\"200\""));
        assertThat(requests).anySatisfy(line -> assertThat(line).contains("uri=\"UNMATCHED\"", "status=\"401\""));
        assertThat(requests).anySatisfy(line -> assertThat(line).contains("uri=\"UNMATCHED\"", "status=\"429\""));
        assertThat(requests).noneSatisfy(line -> assertThat(line).contains("/api/v1/random-"));
    }

    /**
     * Wrong keys were answered 401 as fast as the network allowed, 300 in 0.7 s: now an address that presented too many
     * gets 429 with Retry-After, for the right key too, since answering it would tell the guesser it found one.
     */
    @Test
    void tooManyWrongKeysFromOneAddressAre429EvenForTheRightKey() {
        for (int i = 0; i < 5; i++) {
            given().header("X-API-Key", "guess-" + i).when().get("/api/v1/languages").then().statusCode(401);
        }

        given().header("X-API-Key", "guess-5").when().get("/api/v1/languages")
                .then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", equalTo("/problems/too-many-requests"))
                .body("detail", org.hamcrest.Matchers.containsString("Too many wrong API keys"));
        given().header("X-API-Key", KEY).when().get("/api/v1/languages").then().statusCode(429);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    /** A request without a key tells a guesser nothing: Swagger UI before Authorize must not lock an office out. */
    @Test
    void requestsWithoutAnyKeyDoNotUseUpTheAllowanceForWrongOnes() {
        for (int i = 0; i < 20; i++) {
            given().when().get("/api/v1/languages").then().statusCode(401);
            given().header("X-API-Key", "").when().get("/api/v1/languages").then().statusCode(401);
        }

        given().header("X-API-Key", KEY).when().get("/api/v1/languages").then().statusCode(200);
    }

    @Test
    void rightKeysDoNotUseUpTheAllowanceForWrongOnes() {
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", KEY).when().get("/api/v1/languages").then().statusCode(200);
            given().header("X-API-Key", OTHER_KEY).when().get("/api/v1/languages").then().statusCode(200);
        }
        for (int i = 0; i < 5; i++) {
            given().header("X-API-Key", "guess-" + i).when().get("/api/v1/languages").then().statusCode(401);
        }
    }
}
