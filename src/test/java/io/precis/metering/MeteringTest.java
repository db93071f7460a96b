package io.precis.metering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.precis.article.ArticleService;
import io.precis.cache.ResultCache;
import io.precis.security.ApiKeys;
import io.precis.security.KeyAttempts;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Work metered per API key: named keys from the settings and from a file read again when it changes, a limit in
 * characters of article that counts every batch item, and the usage each key can read back.
 */
@QuarkusTest
@TestProfile(MeteringTest.NamedKeys.class)
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
public class MeteringTest {

    /** The key named desk-a. */
    public static final String KEY_A = "k-a-5d1e8c0b2f7a9c";
    /** The key named desk-b. */
    public static final String KEY_B = "k-b-9a7c3e1d4b6f8a";
    private static final String KEY_FILE = "k-file-2c4e6a8b0d";
    private static final Path KEYS_FILE = keysFile();
    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    /**
     * Two named keys in the settings, one in a file checked every 50 ms; 12 000 characters per key and minute; two
     * unfinished jobs per key.
     */
    public static class NamedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("api.keys", "desk-a:" + KEY_A + ", desk-b:" + KEY_B,
                    "api.keys-file", KEYS_FILE.toString(),
                    "api.keys-file-check-interval", "50ms",
                    "rate-limit.per-minute", "6000", "rate-limit.burst", "1000",
                    "rate-limit.characters-per-minute", "12000",
                    "article.max-chars", "10000",
                    "job.max-active-per-key", "2");
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

    @Inject
    UsageLedger usage;

    @Inject
    ArticleService articles;

    @Inject
    ApiKeys keys;

    @BeforeEach
    void reset() throws IOException {
        writeKeys("web-app:" + KEY_FILE);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> keys.identify(KEY_FILE).isPresent());
        fake.reset();
        store.clear();
        Circuits.close("openai");
        limits.forgetAll();
        attempts.forgetAll();
        usage.forgetAll();
    }

    @Test
    void keysFromTheSettingsAndTheFileAreAcceptedUnderTheirNames() {
        for (String key : List.of(KEY_A, KEY_B, KEY_FILE)) {
            given().header("X-API-Key", key).when().get("/api/v1/languages").then().statusCode(200);
        }

        usageOf(KEY_FILE).body("key", equalTo("web-app"));
        usageOf(KEY_A).body("key", equalTo("desk-a"));
    }

    @Test
    void aKeyAddedToTheFileIsAcceptedAndARemovedOneRefusedWithoutARestart() throws IOException {
        String added = "k-new-7e5c3a1f9d";
        given().header("X-API-Key", added).when().get("/api/v1/languages").then().statusCode(401);

        writeKeys("# rotated\nmobile-app:" + added);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().header("X-API-Key", added).when().get("/api/v1/languages").then().statusCode(200));
        given().header("X-API-Key", KEY_FILE).when().get("/api/v1/languages").then().statusCode(401);
        given().header("X-API-Key", KEY_A).when().get("/api/v1/languages").then().statusCode(200);
        usageOf(added).body("key", equalTo("mobile-app"));
    }

    @Test
    void anInvalidKeysFileLeavesTheKeysAsTheyWere() throws IOException {
        writeKeys("no name:k-invalid-1234");
        // The file is checked every 50 ms: a valid change made after the invalid one shows it was read past.
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                given().header("X-API-Key", KEY_FILE).when().get("/api/v1/languages").then().statusCode(200));
        given().header("X-API-Key", "k-invalid-1234").when().get("/api/v1/languages").then().statusCode(401);
    }

    @Test
    void usageCountsWhatTheKeySentAndNothingOfOtherKeys() {
        String other = SEED + "\n\nLe sommet s'est achevé dans la soirée.";
        summarize(KEY_B, SEED).statusCode(200).body("cached", equalTo(false));
        summarize(KEY_B, SEED).statusCode(200).body("cached", equalTo(true));
        given().header("X-API-Key", KEY_B).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Articles.digest(SEED, "translate", false),
                        Articles.digest(other, "translate", false))))
                .when().post("/api/v1/digests/batch")
                .then().statusCode(200).body("results.status", equalTo(List.of(200, 200)));
        summarize(KEY_A, other).statusCode(200);

        long seed = articles.prepare(SEED, null).article().text().length();
        long longer = articles.prepare(other, null).article().text().length();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        // Two model calls for desk-b, the first and the batch's new article; tokens as the fake reports them.
        List<FakeLlmServer.Call> calls = fake.calls();
        assertThat(calls).hasSize(2);
        JsonPath usageOfB = usageOf(KEY_B).statusCode(200)
                .body("scope", equalTo("this-replica"))
                .body("today.from", equalTo(today))
                .body("last30Days.to", equalTo(today))
                .body("last30Days.from", equalTo(LocalDate.now(ZoneOffset.UTC).minusDays(29).toString()))
                // Three calls, and this one.
                .body("today.requests", equalTo(4))
                .body("today.articles", equalTo(4))
                .body("today.characters", equalTo((int) (3 * seed + longer)))
                .body("today.cacheHits", equalTo(2))
                .body("limits.charactersPerMinute", equalTo(12000))
                .body("limits.characterBurst", equalTo(12000))
                .extract().jsonPath();
        assertThat(usageOfB.getLong("today.tokensIn")).isPositive();
        assertThat(usageOfB.getLong("today.tokensOut")).isPositive();
        assertThat(usageOfB.getMap("last30Days")).containsAllEntriesOf(Map.of("requests", 4, "articles", 4,
                "cacheHits", 2));
        usageOf(KEY_A).body("today.requests", equalTo(2)).body("today.articles", equalTo(1))
                .body("today.characters", equalTo((int) longer)).body("today.cacheHits", equalTo(1));

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("precis_usage_requests_total{key=\"desk-b\"}",
                "precis_usage_characters_total{key=\"desk-a\"}", "precis_usage_tokens_in_total{key=\"desk-b\"}");
    }

    @Test
    void articlesBeyondTheKeysCharacterLimitAre429WhileOtherKeysGoOn() {
        // 12 000 characters a minute: five articles of about 2 200 characters, then the sixth is refused.
        for (int i = 0; i < 5; i++) {
            summarize(KEY_A, SEED).statusCode(200);
        }

        summarize(KEY_A, SEED).statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("/problems/too-many-requests"))
                .body("detail", org.hamcrest.Matchers.containsString("RATE_LIMIT_CHARACTERS_PER_MINUTE"));
        summarize(KEY_B, SEED).statusCode(200);
        usageOf(KEY_A).body("today.articles", equalTo(5));
    }

    @Test
    void eachBatchItemCountsAgainstTheCharacterLimit() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(Articles.digest(SEED, "translate", false));
        }

        List<Integer> statuses = given().header("X-API-Key", KEY_FILE).contentType(ContentType.JSON)
                .body(Map.of("items", items))
                .when().post("/api/v1/digests/batch")
                .then().statusCode(200)
                .extract().jsonPath().getList("results.status", Integer.class);

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(3);
    }

    private static io.restassured.response.ValidatableResponse summarize(String key, String text) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Articles.digest(text, "translate", false))
                .when().post("/api/v1/digests").then();
    }

    private static io.restassured.response.ValidatableResponse usageOf(String key) {
        return given().header("Authorization", "Bearer " + key).when().get("/api/v1/usage").then().statusCode(200);
    }

    private static void writeKeys(String content) throws IOException {
        // Written aside and moved in place, as a Kubernetes Secret volume is updated: never read half written.
        Path next = KEYS_FILE.resolveSibling("keys.next");
        Files.writeString(next, content + "\n");
        Files.move(next, KEYS_FILE, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A fixed path: the profile is read in another class loader than the one the tests run in, so a path made up at
     * class initialization (a new temporary directory) would be two different files.
     */
    private static Path keysFile() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "metering-test"));
            Path file = dir.resolve("api-keys").toAbsolutePath();
            Files.writeString(file, "web-app:" + KEY_FILE + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
