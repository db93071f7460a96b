package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.precis.testing.Articles;
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
import org.junit.jupiter.api.Test;

/** With LLM_FALLBACK_EXTRACTIVE=false an unavailable model is a 503 even for a summary the fallback could write. */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "openai"),
    @ResourceArg(name = "llm.fallback-extractive", value = "false"),
    @ResourceArg(name = "llm.retry.max-retries", value = "0")
})
class NoFallbackTest {

    @FakeLlm
    FakeLlmServer fake;

    @Test
    void anUnavailableModelIsA503() {
        fake.on(Task.SUMMARY, Reply.error(503, "down"));

        given().contentType(ContentType.JSON)
                .body(Articles.digest(Corpus.text(Corpus.SEED_CLEAN), "summaryLanguage", "fr", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(503)
                .body("type", equalTo("/problems/llm-unavailable"));
    }
}
