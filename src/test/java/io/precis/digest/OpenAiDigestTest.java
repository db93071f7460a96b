package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The digest API against a fake OpenAI-compatible server, through the real LangChain4j client. */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class OpenAiDigestTest {

    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

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
    void summarizesInEnglishAndTranslatesByDefault() {
        postDigest(Articles.digest(SEED))
                .statusCode(200)
                .body("articleHash", matchesPattern("[0-9a-f]{64}"))
                .body("sourceLanguage", equalTo("fr"))
                .body("summary.language", equalTo("en"))
                .body("summary.length", equalTo("medium"))
                .body("summary.text", equalTo(Texts.ENGLISH_SUMMARY))
                .body("translation.language", equalTo("en"))
                .body("translation.text", startsWith(Texts.ENGLISH_TRANSLATION))
                .body("model.provider", equalTo("openai"))
                .body("model.name", equalTo("fake-model"))
                .body("promptVersion", matchesPattern("[0-9a-f]{12}"))
                .body("cached", equalTo(false))
                .body("createdAt", notNullValue())
                .body("usage.inputTokens", greaterThan(0))
                .body("usage.outputTokens", greaterThan(0));

        assertThat(fake.count(Task.SUMMARY)).isOne();
        assertThat(fake.count(Task.TRANSLATION)).isOne();
        assertThat(fake.calls()).allSatisfy(call -> {
            assertThat(call.path()).isEqualTo("/v1/chat/completions");
            assertThat(call.body().path("model").asText()).isEqualTo("fake-model");
        });
    }

    @Test
    void summarizesInFrenchWhenAsked() {
        postDigest(Articles.digest(SEED, "summaryLanguage", "fr", "summaryLength", "short", "translate", false))
                .statusCode(200)
                .body("summary.language", equalTo("fr"))
                .body("summary.length", equalTo("short"))
                .body("summary.text", equalTo(Texts.FRENCH_SHORT_SUMMARY))
                .body("translation", nullValue());

        assertThat(fake.count(Task.SUMMARY)).isOne();
        assertThat(fake.count(Task.TRANSLATION)).isZero();
        assertThat(fake.calls().get(0).messages().get(1)).contains("in French", "exactly one sentence");
    }

    @Test
    void acceptsThePlainTextArticleWithOptionsAsQueryParameters() {
        given().contentType(ContentType.TEXT.withCharset("UTF-8")).body(Corpus.text(Corpus.SEED_SCRAPED))
                .queryParam("summaryLanguage", "fr").queryParam("translate", "false")
                .queryParam("summaryLength", "long")
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("summary.text", equalTo(Texts.FRENCH_LONG_SUMMARY))
                .body("summary.length", equalTo("long"))
                .body("translation", nullValue());

        String userMessage = fake.calls().get(0).messages().get(1);
        assertThat(userMessage).contains("Les deux dirigeants ont engagé des discussions approfondies")
                .doesNotContain("Click to comment", "Nous rejoindre sur les réseaux", "Les + Lus");
    }

    @Test
    void servesRepeatFromCacheWithoutCallingTheModel() {
        String hash = postDigest(Articles.digest(SEED)).statusCode(200).body("cached", equalTo(false))
                .extract().path("articleHash");

        postDigest(Articles.digest(SEED))
                .statusCode(200)
                .body("cached", equalTo(true))
                .body("articleHash", equalTo(hash))
                .body("summary.text", equalTo(Texts.ENGLISH_SUMMARY))
                .body("translation.text", startsWith(Texts.ENGLISH_TRANSLATION));

        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void servesWhitespaceAndDecomposedAccentVariantsFromCache() {
        String hash = postDigest(Articles.digest(SEED)).statusCode(200).extract().path("articleHash");
        String variant = Normalizer.normalize("\n  " + SEED.replace(" ", "   ").replace("\n\n", "\n \n\n"),
                Normalizer.Form.NFD);

        postDigest(Articles.digest(variant)).statusCode(200)
                .body("cached", equalTo(true))
                .body("articleHash", equalTo(hash));

        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void reusesTheStoredTranslationWhenOnlyTheSummaryLanguageChanges() {
        postDigest(Articles.digest(SEED, "summaryLanguage", "en")).statusCode(200);

        postDigest(Articles.digest(SEED, "summaryLanguage", "fr")).statusCode(200)
                .body("summary.text", equalTo(Texts.FRENCH_SUMMARY))
                .body("translation.text", startsWith(Texts.ENGLISH_TRANSLATION))
                .body("cached", equalTo(false));

        assertThat(fake.count(Task.TRANSLATION)).isOne();
        assertThat(fake.count(Task.SUMMARY)).isEqualTo(2);
    }

    @Test
    void getByHashServesWhatIsStoredAndNothingElse() {
        String hash = postDigest(Articles.digest(SEED, "summaryLength", "short")).statusCode(200)
                .extract().path("articleHash");

        given().queryParam("summaryLength", "short")
                .when().get("/api/v1/digests/{hash}", hash)
                .then().statusCode(200)
                .body("articleHash", equalTo(hash))
                .body("sourceLanguage", equalTo("fr"))
                .body("summary.text", equalTo(Texts.ENGLISH_SHORT_SUMMARY))
                .body("translation.text", startsWith(Texts.ENGLISH_TRANSLATION))
                .body("cached", equalTo(true));
        given().queryParam("summaryLength", "long").queryParam("targetLanguage", "fr")
                .when().get("/api/v1/digests/{hash}", hash)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));

        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void summaryAndTranslationEndpointsShareTheDigestCache() {
        postDigest(Articles.digest(SEED)).statusCode(200);

        given().contentType(ContentType.JSON).body(java.util.Map.of("text", SEED, "language", "en"))
                .when().post("/api/v1/summaries")
                .then().statusCode(200)
                .body("summary.text", equalTo(Texts.ENGLISH_SUMMARY))
                .body("summary.language", equalTo("en"))
                .body("cached", equalTo(true));
        given().contentType(ContentType.JSON).body(java.util.Map.of("text", SEED, "targetLanguage", "en"))
                .when().post("/api/v1/translations")
                .then().statusCode(200)
                .body("translation.text", startsWith(Texts.ENGLISH_TRANSLATION))
                .body("sourceLanguage", equalTo("fr"))
                .body("cached", equalTo(true));

        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void summaryEndpointWritesFrenchSummaries() {
        given().contentType(ContentType.JSON)
                .body(java.util.Map.of("text", SEED, "language", "fr", "length", "short"))
                .when().post("/api/v1/summaries")
                .then().statusCode(200)
                .body("summary.text", equalTo(Texts.FRENCH_SHORT_SUMMARY))
                .body("summary.length", equalTo("short"))
                .body("cached", equalTo(false));
    }

    @Test
    void translatingIntoTheArticlesOwnLanguageCostsNoCall() {
        String english = Corpus.text("readability/bbc-1.txt");

        postDigest(Articles.digest(english, "summaryLanguage", "en", "targetLanguage", "en")).statusCode(200)
                .body("sourceLanguage", equalTo("en"))
                .body("summary.text", equalTo(Texts.ENGLISH_SUMMARY))
                .body("translation.text", equalTo(english.strip()));

        assertThat(fake.count(Task.TRANSLATION)).isZero();
        assertThat(fake.count(Task.SUMMARY)).isOne();
    }

    @Test
    void translatesEnglishArticlesIntoFrench() {
        postDigest(Articles.digest(Corpus.text("readability/bbc-1.txt"), "summaryLanguage", "fr",
                "targetLanguage", "fr")).statusCode(200)
                .body("summary.text", equalTo(Texts.FRENCH_SUMMARY))
                .body("translation.text", startsWith(Texts.FRENCH_TRANSLATION.substring(0, 40)));

        assertThat(fake.calls().stream().filter(c -> c.task() == Task.TRANSLATION).findFirst().orElseThrow()
                .messages().get(1)).contains("from English into French");
    }

    @Test
    void sendsTheArticleAsDelimitedDataOutsideTheInstructions() {
        postDigest(Articles.digest(SEED, "title", "Sommet d'Anchorage", "translate", false)).statusCode(200);
        postDigest(Articles.digest(SEED + "\n\nUne phrase de plus pour changer le hash.", "translate", false))
                .statusCode(200);

        List<FakeLlmServer.Call> calls = fake.calls();
        String system = calls.get(0).messages().get(0);
        String user = calls.get(0).messages().get(1);
        assertThat(calls.get(0).body().path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(system).doesNotContain("Vladimir Poutine");
        var markers = java.util.regex.Pattern.compile("<<<ARTICLE ([0-9a-f]{24})>>>\\n(?s)(.*)\\n<<<END ARTICLE \\1>>>")
                .matcher(user);
        assertThat(markers.find()).as("article between matching markers in: %s", user).isTrue();
        assertThat(markers.group(2)).startsWith("Title: Sommet d'Anchorage\nLe président russe Vladimir Poutine");
        assertThat(system).contains(markers.group(1));
        assertThat(calls.get(1).messages().get(1)).doesNotContain(markers.group(1));
    }

    @Test
    void theSummaryAndTheTranslationOfOneArticleBeginAlikeSoTheModelCanReadTheArticleOnce() {
        postDigest(Articles.digest(SEED, "title", "Sommet d'Anchorage")).statusCode(200);

        List<FakeLlmServer.Call> calls = fake.calls();
        assertThat(calls).extracting(FakeLlmServer.Call::task).containsExactlyInAnyOrder(Task.SUMMARY,
                Task.TRANSLATION);
        List<String> first = calls.get(0).messages();
        List<String> second = calls.get(1).messages();
        assertThat(first.get(0)).isEqualTo(second.get(0));
        int closing = first.get(1).indexOf("<<<END ARTICLE");
        assertThat(closing).isPositive();
        assertThat(second.get(1)).startsWith(first.get(1).substring(0, closing));
        assertThat(first.get(1).substring(closing)).isNotEqualTo(second.get(1).substring(closing));
    }

    @Test
    void cleansTheTitleLikeTheArticleButLeavesItOutOfTheHash() {
        String hash = postDigest(Articles.digest(SEED, "translate", false)).statusCode(200)
                .extract().path("articleHash");
        store.clear();
        String hidden = new String(Character.toChars(0xE0049)) + new String(Character.toChars(0xE0067));

        postDigest(Articles.digest(SEED, "title", "  Sommet\u200B d&#039;Anchorage" + hidden + "\n", "translate", false))
                .statusCode(200)
                .body("articleHash", equalTo(hash));

        assertThat(fake.calls().get(1).messages().get(1)).contains("Title: Sommet d'Anchorage\n")
                .doesNotContain(hidden, "\u200B");
    }

    @Test
    void concurrentIdenticalRequestsShareOneUpstreamCallPerPart() throws Exception {
        fake.latency(Duration.ofMillis(500));
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<Integer>> responses = IntStream.range(0, 20)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> postDigest(Articles.digest(SEED)).extract().statusCode(), clients))
                    .toList();

            assertThat(responses).allSatisfy(r -> assertThat(r.get()).isEqualTo(200));
        } finally {
            clients.shutdownNow();
        }
        assertThat(fake.count(Task.SUMMARY)).isOne();
        assertThat(fake.count(Task.TRANSLATION)).isOne();
    }

    @Test
    void coldDigestTakesAboutOneUpstreamLatencyNotTwo() {
        fake.latency(Duration.ofSeconds(1));

        long started = System.nanoTime();
        postDigest(Articles.digest(SEED)).statusCode(200).body("cached", equalTo(false));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1800));
        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void twoTitlesOfOneArticleGetTwoResultsAndTwoCacheEntries() {
        fake.on(Task.SUMMARY, Reply.text("Written with the real title."), Reply.text("Written with a forged title."));
        String real = "Poutine et Trump se retrouvent à Anchorage";
        String forged = "Officiel : la réunion est annulée";

        // Short summaries: a scripted one-sentence answer keeps to their length.
        postDigest(Articles.digest(SEED, "title", real, "translate", false, "summaryLength", "short"))
                .statusCode(200).body("cached", equalTo(false))
                .body("summary.text", equalTo("Written with the real title."));
        postDigest(Articles.digest(SEED, "title", forged, "translate", false, "summaryLength", "short"))
                .statusCode(200).body("cached", equalTo(false))
                .body("summary.text", equalTo("Written with a forged title."));
        postDigest(Articles.digest(SEED, "title", real, "translate", false, "summaryLength", "short"))
                .statusCode(200).body("cached", equalTo(true))
                .body("summary.text", equalTo("Written with the real title."));
        String hash = postDigest(Articles.digest(SEED, "title", forged, "translate", false, "summaryLength", "short"))
                .statusCode(200)
                .body("cached", equalTo(true)).body("summary.text", equalTo("Written with a forged title."))
                .extract().path("articleHash");

        assertThat(fake.count(Task.SUMMARY)).isEqualTo(2);
        assertThat(fake.calls()).extracting(call -> call.messages().get(1))
                .anySatisfy(user -> assertThat(user).contains("Title: " + real))
                .anySatisfy(user -> assertThat(user).contains("Title: " + forged));
        given().queryParam("title", real).queryParam("summaryLength", "short")
                .when().get("/api/v1/digests/{hash}", hash)
                .then().statusCode(200).body("summary.text", equalTo("Written with the real title."));
        given().queryParam("title", forged).queryParam("summaryLength", "short")
                .when().get("/api/v1/digests/{hash}", hash)
                .then().statusCode(200).body("summary.text", equalTo("Written with a forged title."));
        given().queryParam("summaryLength", "short").when().get("/api/v1/digests/{hash}", hash).then()
                .statusCode(404);
    }

    @Test
    void concurrentRequestsWithDifferentTitlesDoNotShareOneComputation() throws Exception {
        fake.latency(Duration.ofMillis(500)).on(Task.SUMMARY, Reply.text("One summary."), Reply.text("Another one."));
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> postDigest(Articles.digest(SEED,
                    "title", "Premier titre", "translate", false, "summaryLength", "short")).statusCode(200)
                    .extract().path("summary.text"),
                    clients);
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> postDigest(Articles.digest(SEED,
                    "title", "Second titre", "translate", false, "summaryLength", "short")).statusCode(200)
                    .extract().path("summary.text"),
                    clients);

            assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder("One summary.", "Another one.");
        } finally {
            clients.shutdownNow();
        }
        assertThat(fake.count(Task.SUMMARY)).isEqualTo(2);
        assertThat(fake.calls()).extracting(call -> call.messages().get(1))
                .anySatisfy(user -> assertThat(user).contains("Title: Premier titre"))
                .anySatisfy(user -> assertThat(user).contains("Title: Second titre"));
    }

    @Test
    void listsBothLanguagesAsSummaryAndTranslationTargets() {
        given().when().get("/api/v1/languages")
                .then().statusCode(200)
                .body("source.code", org.hamcrest.Matchers.contains("fr", "en"))
                .body("summary.code", org.hamcrest.Matchers.contains("fr", "en"))
                .body("target.code", org.hamcrest.Matchers.contains("fr", "en"))
                .body("summaryInSourceLanguageOnly", equalTo(false))
                .body("modelReady", equalTo(true))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("unavailableReason")));
    }

    /**
     * A hit is sent as the bytes kept for it; a stored digest (GET) goes through the JSON writer, never through the
     * kept bytes: the two must be the same bytes for the same digest.
     */
    @Test
    void sendsARepeatAsTheBytesTheJsonWriterWritesForTheSameDigest() {
        String hash = postDigest(Articles.digest(SEED)).statusCode(200).body("cached", equalTo(false))
                .extract().path("articleHash");
        var firstHit = postDigest(Articles.digest(SEED)).statusCode(200).body("cached", equalTo(true)).extract();
        var secondHit = postDigest(Articles.digest(SEED)).statusCode(200).extract();
        var written = given().when().get("/api/v1/digests/" + hash).then().statusCode(200).extract();

        assertThat(firstHit.asByteArray()).isEqualTo(written.asByteArray());
        assertThat(secondHit.asByteArray()).isEqualTo(written.asByteArray());
        assertThat(firstHit.contentType()).isEqualTo(written.contentType());
        assertThat(fake.count(Task.SUMMARY) + fake.count(Task.TRANSLATION)).isEqualTo(2);
    }

    @Test
    void neverSendsTheBytesOfAnAnswerWhosePartsWereWrittenAgain() {
        postDigest(Articles.digest(SEED)).statusCode(200);
        String before = postDigest(Articles.digest(SEED)).statusCode(200).body("cached", equalTo(true))
                .extract().path("createdAt");

        store.clear();
        String rewritten = postDigest(Articles.digest(SEED)).statusCode(200).body("cached", equalTo(false))
                .extract().path("createdAt");
        String after = postDigest(Articles.digest(SEED)).statusCode(200).body("cached", equalTo(true))
                .extract().path("createdAt");

        assertThat(rewritten).isNotEqualTo(before);
        assertThat(after).isEqualTo(rewritten);
        assertThat(fake.count(Task.SUMMARY)).isEqualTo(2);
    }

    private static ValidatableResponse postDigest(Object body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/digests")
                .then();
    }
}
