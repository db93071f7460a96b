package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.api.ApiExamples;
import io.precis.article.PageExtractor;
import io.precis.cache.ResultCache;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.EventStream;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Articles sent as the HTML page they are in: POST with text/html, or a JSON field html instead of text. */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class PageDigestTest {

    private static final String LIBERATION = Corpus.text("readability/liberation-1/source.html");
    private static final String LIBERATION_TITLE = "Un troisième Français mort dans le séisme au Népal";

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

    private static ValidatableResponse postPage(String path, byte[] page, String contentType, Object... query) {
        var request = given().contentType(contentType).body(page);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam((String) query[i], query[i + 1]);
        }
        return request.when().post(path).then();
    }

    private static ValidatableResponse postPage(String path, String page, Object... query) {
        return postPage(path, page.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8", query);
    }

    private static String hashOfText(String text) {
        return given().contentType(ContentType.TEXT.withCharset("UTF-8")).body(text)
                .queryParam("summaryLanguage", "fr").queryParam("translate", "false")
                .when().post("/api/v1/digests")
                .then().statusCode(200).extract().path("articleHash");
    }

    @Test
    void digestsTheArticleOfARealPageAndReturnsWhatThePageSaysAboutIt() {
        postPage("/api/v1/digests", LIBERATION)
                .statusCode(200)
                .body("articleHash", matchesPattern("[0-9a-f]{64}"))
                .body("sourceLanguage", equalTo("fr"))
                .body("article.title", equalTo(LIBERATION_TITLE))
                .body("article.byline", notNullValue())
                .body("article.publishedTime", equalTo("2015-04-30T07:19:58"))
                .body("article.siteName", equalTo("Libération.fr"))
                .body("article.language", equalTo("fr"))
                .body("article.languageConfirmed", equalTo(true))
                .body("summary.language", equalTo("en"))
                .body("translation.language", equalTo("en"));

        String summaryPrompt = fake.calls().stream().filter(call -> call.task() == Task.SUMMARY).findFirst()
                .orElseThrow().messages().get(1);
        String translationPrompt = fake.calls().stream().filter(call -> call.task() == Task.TRANSLATION)
                .findFirst().orElseThrow().messages().get(1);
        assertThat(summaryPrompt).contains(LIBERATION_TITLE, "Un troisième Français a été tué dans le tremblement")
                .doesNotContain("Facebook", "Imprimer", "Mode zen", "<p>", "window.");
        assertThat(translationPrompt).contains(LIBERATION_TITLE);
    }

    static List<String> orangeSumPages() {
        return Corpus.ORANGESUM_PAGES;
    }

    @ParameterizedTest
    @MethodSource("orangeSumPages")
    void digestsEveryOrangeSumPageWithItsTitle(String id) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(Corpus.text("orangesum/" + id + ".json"));

        postPage("/api/v1/digests", Corpus.text("orangesum/" + id + ".html"), "summaryLanguage", "fr",
                "summaryLength", "short", "translate", "false")
                .statusCode(200)
                .body("sourceLanguage", equalTo("fr"))
                .body("article.title", equalTo(Parser.unescapeEntities(expected.path("title").asText(), false)))
                .body("article.siteName", equalTo("Orange Actualités"))
                .body("article.publishedTime", startsWith(expected.path("date").asText()))
                .body("article.language", equalTo("fr"))
                .body("article.languageConfirmed", equalTo(true))
                .body("summary.text", notNullValue());
    }

    @ParameterizedTest
    @CsvSource({"lemonde-1, fr", "liberation-1, fr", "bbc-1, en"})
    void digestsTheReadabilityPagesInSupportedLanguagesWithTheirTitles(String name, String language)
            throws Exception {
        JsonNode expected = new ObjectMapper().readTree(Corpus.text("readability/" + name
                + "/expected-metadata.json"));

        postPage("/api/v1/digests", Corpus.text("readability/" + name + "/source.html"), "summaryLanguage",
                language, "translate", "false")
                .statusCode(200)
                .body("sourceLanguage", equalTo(language))
                .body("article.title", equalTo(expected.path("title").asText()))
                .body("article.siteName", equalTo(expected.path("siteName").asText()))
                .body("article.language", equalTo(language));
    }

    @ParameterizedTest
    @CsvSource({"heise, de", "folha, pt"})
    void refusesThePagesInOtherLanguagesNamingTheLanguage(String name, String language) {
        postPage("/api/v1/digests", Corpus.text("readability/" + name + "/source.html"))
                .statusCode(422)
                .body("type", endsWith("/problems/unsupported-language"))
                .body("detail", containsString("'" + language + "'"));
    }

    @Test
    void hashesAPageLikeTheTextExtractedFromIt() {
        String fromPage = postPage("/api/v1/digests", LIBERATION, "summaryLanguage", "fr", "translate", "false")
                .statusCode(200).extract().path("articleHash");
        String fromJson = given().contentType(ContentType.JSON)
                .body(Map.of("html", LIBERATION, "summaryLanguage", "fr", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(200).body("article.title", equalTo(LIBERATION_TITLE))
                .extract().path("articleHash");

        assertThat(fromJson).isEqualTo(fromPage);
        assertThat(hashOfText(new PageExtractor().extract(LIBERATION).text())).isEqualTo(fromPage);
    }

    @Test
    void hashesTheSwaggerExamplePageLikeTheSeedArticleItWasMadeFrom() {
        String fromPage = postPage("/api/v1/digests", ApiExamples.PAGE_HTML, "summaryLanguage", "fr",
                "translate", "false")
                .statusCode(200)
                .body("article.title", equalTo("Poutine et Trump se retrouvent à Anchorage"))
                .body("article.byline", equalTo("Marie Dupont"))
                .body("article.siteName", equalTo("Le Quotidien"))
                .extract().path("articleHash");

        assertThat(fromPage).isEqualTo(hashOfText(Corpus.text(Corpus.SEED_CLEAN)));
    }

    @Test
    void readsPagesInTheirOwnEncoding() {
        String utf8Page = ApiExamples.PAGE_HTML;
        String hash = postPage("/api/v1/digests", utf8Page, "summaryLanguage", "fr", "translate", "false")
                .statusCode(200).extract().path("articleHash");
        Charset windows1252 = Charset.forName("windows-1252");
        String declared = utf8Page.replace("<meta charset=\"utf-8\">", "<meta charset=\"windows-1252\">");
        String undeclared = utf8Page.replace("<meta charset=\"utf-8\">", "");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = undeclared.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + utf8.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);

        for (var variant : Map.of(
                "meta charset", new Object[] {declared.getBytes(windows1252), "text/html"},
                "header charset", new Object[] {undeclared.getBytes(windows1252), "text/html; charset=windows-1252"},
                "sniffed windows-1252", new Object[] {undeclared.getBytes(windows1252), "text/html"},
                "byte order mark", new Object[] {withBom, "text/html; charset=ISO-8859-1"}).entrySet()) {
            String variantHash = postPage("/api/v1/digests", (byte[]) variant.getValue()[0],
                    (String) variant.getValue()[1], "summaryLanguage", "fr", "translate", "false")
                    .statusCode(200).extract().path("articleHash");
            assertThat(variantHash).as(variant.getKey()).isEqualTo(hash);
        }
    }

    @Test
    void givesThePagesTitleToTheModelUnlessTheRequestHasOne() {
        postPage("/api/v1/summaries", LIBERATION, "language", "fr", "length", "short", "title", "Mon titre")
                .statusCode(200)
                .body("article.title", equalTo(LIBERATION_TITLE))
                .body("summary.length", equalTo("short"))
                .body("translation", nullValue());

        assertThat(fake.calls()).hasSize(1);
        assertThat(fake.calls().get(0).messages().get(1)).contains("Mon titre").doesNotContain(LIBERATION_TITLE);
    }

    @Test
    void translatesAPageAndServesTheRepeatFromTheCacheWithItsMetadata() {
        postPage("/api/v1/translations", LIBERATION, "targetLanguage", "en")
                .statusCode(200)
                .body("cached", equalTo(false))
                .body("translation.language", equalTo("en"))
                .body("article.title", equalTo(LIBERATION_TITLE));
        postPage("/api/v1/translations", LIBERATION, "targetLanguage", "en")
                .statusCode(200)
                .body("cached", equalTo(true))
                .body("article.title", equalTo(LIBERATION_TITLE));

        assertThat(fake.count(Task.TRANSLATION)).isOne();
    }

    @Test
    void acceptsPagesInBatchesAndInTheJsonOfSummariesAndTranslations() {
        given().contentType(ContentType.JSON)
                .body(Map.of("items", List.of(
                        Map.of("html", LIBERATION, "summaryLanguage", "fr", "translate", false),
                        Articles.digest(Corpus.text(Corpus.SEED_CLEAN), "summaryLanguage", "fr", "translate",
                                false))))
                .when().post("/api/v1/digests/batch")
                .then().statusCode(200)
                .body("results[0].digest.article.title", equalTo(LIBERATION_TITLE))
                .body("results[1].digest.article", nullValue());
        given().contentType(ContentType.JSON).body(Map.of("html", LIBERATION, "language", "fr"))
                .when().post("/api/v1/summaries")
                .then().statusCode(200).body("article.siteName", equalTo("Libération.fr"));
        given().contentType(ContentType.JSON).body(Map.of("html", LIBERATION, "targetLanguage", "en"))
                .when().post("/api/v1/translations")
                .then().statusCode(200).body("article.siteName", equalTo("Libération.fr"));
    }

    @Test
    void streamsTheTranslationOfAPageSentInJson() {
        String events = given().contentType(ContentType.JSON)
                .body(Map.of("html", LIBERATION, "targetLanguage", "en"))
                .when().post("/api/v1/translations/stream")
                .then().statusCode(200).contentType("text/event-stream")
                .extract().asString();

        List<EventStream.Event> parsed = EventStream.parse(events);
        EventStream.Event result = parsed.get(parsed.size() - 1);
        assertThat(result.name()).isEqualTo("result");
        assertThat(result.data().path("article").path("title").asText()).isEqualTo(LIBERATION_TITLE);
        assertThat(EventStream.text(parsed)).isEqualTo(result.data().path("translation").path("text").asText());
        assertThat(fake.calls()).singleElement().satisfies(call ->
                assertThat(call.messages().get(1)).contains(LIBERATION_TITLE));
    }

    @Test
    void refusesPagesWithoutAnArticle() {
        StringBuilder index = new StringBuilder("<html lang=\"fr\"><body><ul>");
        for (int i = 0; i < 30; i++) {
            index.append("<li><a href=\"/a").append(i).append("\">Titre d'un article de la une, numéro ").append(i)
                    .append("</a></li>");
        }
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);

        for (byte[] page : new byte[][] {index.append("</ul></body></html>").toString().getBytes(
                StandardCharsets.UTF_8), new byte[0], binary}) {
            postPage("/api/v1/digests", page, "text/html")
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/problems/no-article-in-page"))
                    .body("detail", notNullValue());
        }
    }

    @Test
    void refusesAPageWhoseArticleIsTooLong() {
        String paragraph = "<p>" + "Une phrase de l'article, assez longue pour compter, avec des virgules. ".repeat(20)
                + "</p>";
        String page = "<html lang=\"fr\"><body><article>" + paragraph.repeat(200) + "</article></body></html>";

        postPage("/api/v1/digests", page)
                .statusCode(413)
                .body("type", endsWith("/problems/article-too-long"))
                .body("detail", containsString("ARTICLE_MAX_CHARS"));
    }

    @Test
    void refusesAPageOverTheBodyLimit() {
        String page = "<html><body><p>" + "x".repeat(2_200_000) + "</p></body></html>";

        postPage("/api/v1/digests", page).statusCode(413);
    }

    @Test
    void refusesARequestWithBothTextAndHtml() {
        given().contentType(ContentType.JSON).body(Map.of("text", "Un article.", "html", LIBERATION))
                .when().post("/api/v1/digests")
                .then().statusCode(400)
                .body("detail", containsString("html"));
    }
}
