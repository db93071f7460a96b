package io.precis.llm.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.precis.testing.Articles;
import io.precis.testing.Corpus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LLM_PROVIDER=local with no model file: the service still starts, says why it is not ready, serves degraded French
 * summaries, and answers what needs the model with a 503 that names the settings that fix it.
 */
@QuarkusTest
@TestProfile(MissingLocalModelTest.NoModelFile.class)
public class MissingLocalModelTest {

    /** A model path where there is no file. EvaluateMissingLocalModelTest shares it: Quarkus starts once for both. */
    public static class NoModelFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("llm.provider", "local", "llm.local.model-path", "/nonexistent/precis/missing-model.gguf");
        }
    }

    @BeforeEach
    void awaitTheFailure() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(given().when()
                .get("/q/health/ready").then().extract().path("checks.find { it.name == 'local-model' }.data.state")));
    }

    @Test
    void isNotReadyAndSaysWhyWhileStayingAlive() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'local-model' }.data.detail",
                        containsString("/nonexistent/precis/missing-model.gguf"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void languagesAndHealthSayWhatTheServiceCanDoNowAndWhatFixesIt() throws Exception {
        String reason = given().when().get("/api/v1/languages")
                .then().statusCode(200)
                .body("modelReady", equalTo(false))
                .body("target", org.hamcrest.Matchers.empty())
                .body("summaryInSourceLanguageOnly", equalTo(true))
                .body("unavailableReason", containsString("LLM_PROVIDER=extractive"))
                .extract().path("unavailableReason");
        given().when().get("/q/health/ready")
                .then().body("checks.find { it.name == 'llm' }.data.state", equalTo("failed"))
                .body("checks.find { it.name == 'llm' }.data.translates", equalTo(false))
                .body("checks.find { it.name == 'llm' }.data.unavailableReason", equalTo(reason))
                .body("checks.find { it.name == 'local-model' }.data.fix", containsString("LLM_PROVIDER=extractive"));
        // The documented example is this very answer, but for the path.
        var example = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                io.precis.api.ApiExamples.LANGUAGES_WITHOUT_MODEL_RESPONSE);
        org.assertj.core.api.Assertions.assertThat(reason.replace("/nonexistent/precis/missing-model.gguf",
                "/models/qwen.gguf")).isEqualTo(example.path("unavailableReason").asText());
    }

    @Test
    void stillServesDegradedFrenchSummaries() {
        given().contentType(ContentType.JSON)
                .body(Articles.digest(Corpus.text(Corpus.SEED_CLEAN), "summaryLanguage", "fr", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("degraded", equalTo(true))
                .body("model.provider", equalTo("extractive"))
                .body("degradedReason", containsString("missing-model.gguf"))
                .body("cached", equalTo(false))
                .body("summary.language", equalTo("fr"));
    }

    @Test
    void whatNeedsTheModelIsA503NamingTheSettingsThatFixIt() {
        given().contentType(ContentType.JSON)
                .body(Articles.digest(Corpus.text(Corpus.SEED_CLEAN), "summaryLanguage", "en", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(503)
                // Only a change of configuration fixes it: asking again later would not help.
                .header("Retry-After", org.hamcrest.Matchers.nullValue())
                .body("type", equalTo("/problems/llm-unavailable"))
                .body("detail", containsString("missing-model.gguf"))
                .body("detail", containsString("LLM_MODEL_PATH"))
                .body("detail", containsString("LLM_PROVIDER=openai"));
    }
}
