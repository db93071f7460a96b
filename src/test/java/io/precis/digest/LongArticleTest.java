package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.precis.cache.ResultCache;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.EventStream;
import io.precis.testing.EventStream.Event;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.Texts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Articles longer than one model call: split on paragraph boundaries, translated chunk by chunk (concurrently, and
 * joined in order), summarized map-reduce, and cached per chunk.
 */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "openai"),
    // A model that takes 8 000 tokens, a common context: the 50 000-character article needs several calls.
    @ResourceArg(name = "llm.max-input-tokens", value = "8000")
})
class LongArticleTest {

    /** Paragraphs of real French news (OrangeSum), numbered so that their order can be checked in translation. */
    private static final List<String> PARAGRAPHS = Articles.numberedParagraphs(50_000);
    private static final String ARTICLE = String.join("\n\n", PARAGRAPHS);

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    @BeforeEach
    void reset() {
        store.clear();
        Circuits.close("openai");
        resetFake();
    }

    private void resetFake() {
        fake.reset();
        fake.translateWith(Articles::numberedTranslation);
    }

    @Test
    void translatesA50000CharacterArticleWholeAndInOrderThroughConcurrentChunks() {
        assertThat(ARTICLE.length()).isBetween(50_000, 52_000);
        fake.latency(Duration.ofMillis(300));

        long started = System.nanoTime();
        String translation = translate(ARTICLE);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        List<String> paragraphs = List.of(translation.split("\n\n"));
        assertThat(paragraphs).hasSameSizeAs(PARAGRAPHS);
        for (int i = 0; i < paragraphs.size(); i++) {
            assertThat(paragraphs.get(i)).startsWith("§" + (i + 1) + " ");
        }
        long chunks = fake.count(Task.TRANSLATION);
        assertThat(chunks).isGreaterThan(4);
        assertThat(fake.maxConcurrentCalls()).isBetween(2, 4);
        // At most four at a time: about ceil(chunks / 4) latencies, far less than one latency per chunk.
        assertThat(took).isLessThan(Duration.ofMillis(300 * ((chunks + 3) / 4) + 1500));
    }

    @Test
    void streamsALongArticleInArticleOrderWhicheverChunkIsWrittenFirst() {
        // The first chunk is the slowest: the chunks after it are done first, and must wait for it.
        fake.latency(Duration.ofMillis(100)).slowDown(call -> call.article().startsWith("§1 "), Duration.ofSeconds(1));

        List<Event> events = EventStream.parse(given().contentType(ContentType.JSON)
                .body(Map.of("text", ARTICLE, "targetLanguage", "en"))
                .when().post("/api/v1/translations/stream")
                .then().statusCode(200)
                .extract().asString());

        Event result = events.get(events.size() - 1);
        assertThat(result.name()).isEqualTo("result");
        String translation = result.data().path("translation").path("text").asText();
        assertThat(translation.split("\n\n")).hasSameSizeAs(PARAGRAPHS);
        // Nothing was taken back: every delta followed the one before it in the article.
        assertThat(events).extracting(Event::name).doesNotContain("restart", "problem");
        assertThat(EventStream.text(events)).isEqualTo(translation);
        long chunks = fake.count(Task.TRANSLATION);
        assertThat(events.size() - 1).isGreaterThan((int) chunks * 2);
        assertThat(fake.calls()).allSatisfy(call -> assertThat(call.body().path("stream").asBoolean()).isTrue());
    }

    @Test
    void anArticleThatGainsAParagraphRetranslatesOnlyThatPart() {
        translate(ARTICLE);
        long chunks = fake.count(Task.TRANSLATION);
        resetFake();

        List<String> longer = new ArrayList<>(PARAGRAPHS);
        longer.add(PARAGRAPHS.size() / 2, "§0 Un paragraphe ajouté après la première publication de l'article, avec"
                + " une précision de dernière minute sur les négociations en cours.");
        String translation = translate(String.join("\n\n", longer));

        assertThat(translation.split("\n\n")).hasSize(longer.size());
        assertThat(fake.count(Task.TRANSLATION)).isLessThanOrEqualTo(2).isLessThan(chunks);
    }

    @Test
    void summarizesALongArticleMapReduceAndServesTheRepeatFromCache() {
        String summary = given().contentType(ContentType.JSON)
                .body(Articles.digest(ARTICLE, "translate", false, "summaryLength", "short"))
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("cached", equalTo(false))
                .extract().path("summary.text");

        assertThat(summary).isEqualTo(Texts.ENGLISH_SHORT_SUMMARY);
        long calls = fake.count(Task.SUMMARY);
        assertThat(calls).isGreaterThan(2);
        assertThat(fake.calls().stream().filter(c -> c.task() == Task.SUMMARY)
                .filter(c -> c.messages().get(1).contains("exactly one sentence")).count()).isOne();

        given().contentType(ContentType.JSON)
                .body(Articles.digest(ARTICLE, "translate", false, "summaryLength", "short"))
                .when().post("/api/v1/digests")
                .then().statusCode(200).body("cached", equalTo(true));
        assertThat(fake.count(Task.SUMMARY)).isEqualTo(calls);
    }

    @Test
    void acceptsArticlesUpTo200000Characters() {
        String longest = String.join("\n\n", Articles.numberedParagraphs(199_000));

        translate(longest);

        assertThat(fake.count(Task.TRANSLATION)).isGreaterThan(20);
    }

    @Test
    void translatesALongHtmlFragmentInChunksSplitBetweenItsElements() {
        StringBuilder html = new StringBuilder();
        for (String paragraph : PARAGRAPHS.subList(0, 120)) {
            String text = paragraph.replace("&", "&amp;").replace("<", "&lt;");
            int space = text.indexOf(' ', 12);
            html.append("<p><b>").append(text, 0, space).append("</b>").append(text.substring(space))
                    .append("</p>\n");
        }
        // The fake translates marked text keeping its markers, as a faithful model does.
        fake.translateWith(io.precis.testing.Texts::markedTranslationOf);

        String translated = given().contentType(ContentType.JSON)
                .body(Map.of("text", html.toString(), "format", "html", "targetLanguage", "en"))
                .when().post("/api/v1/translations")
                .then().statusCode(200)
                .extract().path("translation.text");

        assertThat(fake.count(Task.TRANSLATION)).isGreaterThan(1);
        assertThat(io.precis.article.FragmentTest.structure(translated))
                .isEqualTo(io.precis.article.FragmentTest.structure(html.toString()));
        assertThat(translated).doesNotContain("⟦");
    }

    private static String translate(String article) {
        return given().contentType(ContentType.JSON).body(Map.of("text", article, "targetLanguage", "en"))
                .when().post("/api/v1/translations")
                .then().statusCode(200)
                .extract().path("translation.text");
    }
}
