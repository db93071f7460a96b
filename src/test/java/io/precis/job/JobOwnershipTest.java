package io.precis.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.precis.cache.ResultCache;
import io.precis.metering.Limits;
import io.precis.metering.MeteringTest;
import io.precis.metering.UsageLedger;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs belong to the API key that created them: another key neither reads nor cancels them, and each key has at most
 * JOB_MAX_ACTIVE_PER_KEY (2 here) unfinished jobs. Shares the metering test's keys and configuration.
 */
@QuarkusTest
@TestProfile(MeteringTest.NamedKeys.class)
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class JobOwnershipTest {

    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    @Inject
    Limits limits;

    @Inject
    UsageLedger usage;

    @Inject
    JobService jobs;

    @BeforeEach
    void reset() {
        jobs.clear();
        store.clear();
        limits.forgetAll();
        usage.forgetAll();
        Circuits.close("openai");
        fake.reset();
    }

    /** A job still running would go on calling the model during the next test class, which shares the model. */
    @AfterEach
    void cancelJobsLeftRunning() {
        jobs.clear();
    }

    @Test
    void anotherKeysJobIsA404ForReadingAndForCancelling() {
        fake.latency(Duration.ofSeconds(2));
        String location = createJob(MeteringTest.KEY_A, SEED);

        given().header("X-API-Key", MeteringTest.KEY_B).when().get(location).then().statusCode(404)
                .body("type", equalTo("/problems/not-found"));
        given().header("X-API-Key", MeteringTest.KEY_B).when().delete(location).then().statusCode(404);
        given().when().get(location).then().statusCode(401);

        given().header("X-API-Key", MeteringTest.KEY_A).when().get(location).then().statusCode(200)
                .body("status", equalTo("running"));
    }

    @Test
    void aKeyWithAsManyUnfinishedJobsAsItMayHaveIsRefusedUntilOneEnds() {
        fake.latency(Duration.ofSeconds(3));
        String first = createJob(MeteringTest.KEY_A, SEED);
        createJob(MeteringTest.KEY_A, SEED + "\n\nUn dernier paragraphe, ajouté pour que l'article soit un autre.");

        int articlesCounted = articlesToday(MeteringTest.KEY_A);
        given().header("X-API-Key", MeteringTest.KEY_A).contentType(ContentType.JSON)
                .header("Prefer", "respond-async")
                .body(Articles.digest("Un troisième article, sur un tout autre sujet : la rentrée scolaire approche et"
                        + " les familles préparent les fournitures demandées par les écoles.", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(429)
                .body("type", equalTo("/problems/too-many-requests"))
                .body("detail", containsString("JOB_MAX_ACTIVE_PER_KEY"));
        // Refused before its article was read: it is not counted against the key's limits or usage.
        assertThat(articlesToday(MeteringTest.KEY_A)).isEqualTo(articlesCounted);
        // Another key is not held back by this one's jobs.
        createJob(MeteringTest.KEY_B, SEED);

        given().header("X-API-Key", MeteringTest.KEY_A).when().delete(first).then().statusCode(200);
        createJob(MeteringTest.KEY_A, "Un troisième article, sur un tout autre sujet : la rentrée scolaire approche"
                + " et les familles préparent les fournitures demandées par les écoles.");
    }

    private static int articlesToday(String key) {
        return given().header("X-API-Key", key).when().get("/api/v1/usage").then().statusCode(200)
                .extract().path("today.articles");
    }

    private static String createJob(String key, String article) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body(Articles.digest(article, "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(202)
                .extract().header("Location");
    }
}
