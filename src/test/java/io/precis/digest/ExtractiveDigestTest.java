package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.precis.cache.ResultCache;
import io.precis.testing.Articles;
import io.precis.testing.Corpus;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The default provider, with no language model: what a new user gets from the first README command. */
@QuarkusTest
class ExtractiveDigestTest {

    @Inject
    ResultCache store;

    @BeforeEach
    void reset() {
        store.clear();
    }

    @Test
    void summarizesTheSeedInFrenchFromItsOwnSentences() {
        String summary = given().contentType(ContentType.JSON)
                .body(Articles.digest(Corpus.text(Corpus.SEED_CLEAN), "summaryLanguage", "fr", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("sourceLanguage", equalTo("fr"))
                .body("summary.language", equalTo("fr"))
                .body("summary.length", equalTo("medium"))
                .body("model.provider", equalTo("extractive"))
                .body("model.name", equalTo("textrank"))
                .body("promptVersion", equalTo("textrank-2"))
                .body("cached", equalTo(false))
                .body("translation", nullValue())
                .body("usage", nullValue())
                .extract().path("summary.text");

        assertThat(summary).startsWith("Le président russe Vladimir Poutine et le président américain Donald Trump");
        assertThat(summary.split("\\s+")).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void summarizesTheScrapedSeedWithoutItsFurniture() {
        given().contentType(ContentType.TEXT.withCharset("UTF-8")).body(Corpus.text(Corpus.SEED_SCRAPED))
                .queryParam("summaryLanguage", "fr").queryParam("translate", "false")
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("summary.text", containsString("Les deux dirigeants ont engagé des discussions"))
                .body("summary.text", not(containsString("commentaire")))
                .body("summary.text", not(containsString("réseaux")));
    }

    /**
     * Plain text in the charsets newsroom systems send is read as the same article: the same hash and the same
     * summary as UTF-8, where it was once decoded as UTF-8 whatever it declared ("pr\uFFFDsident", cached).
     */
    @ParameterizedTest
    @CsvSource({"text/plain; charset=ISO-8859-1, windows-1252, false", "text/plain; charset=iso_8859-1, windows-1252,"
            + " false", "text/plain; charset=latin1, windows-1252, false", "text/plain; charset=windows-1252, windows-1252,"
            + " false", "text/plain; charset=utf-16le, UTF-16LE, false", "text/plain, UTF-16LE, true",
        "text/plain; charset=utf-16, UTF-16BE, true", "text/plain, UTF-8, true", "text/plain, UTF-8, false"})
    void plainTextInAnotherCharsetIsTheSameArticle(String contentType, String charset, boolean byteOrderMark) {
        String text = Corpus.text(Corpus.SEED_CLEAN);
        String expected = given().contentType(ContentType.TEXT.withCharset("UTF-8")).body(text)
                .queryParam("summaryLanguage", "fr").queryParam("translate", "false")
                .when().post("/api/v1/digests")
                .then().statusCode(200).extract().path("articleHash");
        byte[] encoded = text.getBytes(java.nio.charset.Charset.forName(charset));
        byte[] mark = !byteOrderMark ? new byte[0] : switch (charset) {
            case "UTF-16LE" -> new byte[] {(byte) 0xFF, (byte) 0xFE};
            case "UTF-16BE" -> new byte[] {(byte) 0xFE, (byte) 0xFF};
            default -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        };
        byte[] body = java.nio.ByteBuffer.allocate(mark.length + encoded.length).put(mark).put(encoded).array();

        // REST Assured would append its own default charset (ISO-8859-1) to a text/plain without one.
        given().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig
                        .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Content-Type", contentType).body(body)
                .queryParam("summaryLanguage", "fr").queryParam("translate", "false")
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("articleHash", equalTo(expected))
                .body("summary.text", startsWith("Le président russe Vladimir Poutine"));
    }

    static java.util.List<String> orangeSumIds() {
        return Corpus.ORANGESUM_IDS;
    }

    @ParameterizedTest
    @MethodSource("orangeSumIds")
    void summarizesOrangeSumArticles(String id) {
        Corpus.OrangeSum page = Corpus.orangeSum(id);

        String summary = given().contentType(ContentType.JSON)
                .body(Articles.digest(page.article(), "title", page.title(), "summaryLanguage", "fr",
                        "summaryLength", "short", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(200)
                .body("sourceLanguage", equalTo("fr"))
                .extract().path("summary.text");

        assertThat(summary).isNotBlank();
        assertThat(summary.split("\\s+").length).isLessThanOrEqualTo(50);
    }

    @Test
    void servesTheRepeatFromCache() {
        var body = Articles.digest(Corpus.text(Corpus.SEED_CLEAN), "summaryLanguage", "fr", "translate", false);
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/digests")
                .then().statusCode(200).body("cached", equalTo(false));
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/digests")
                .then().statusCode(200).body("cached", equalTo(true));
    }

    @Test
    void anEnglishSummaryIsA503NamingTheSettingsThatEnableIt() {
        given().contentType(ContentType.JSON)
                .body(Articles.digest(Corpus.text(Corpus.SEED_CLEAN), "summaryLanguage", "en", "translate", false))
                .when().post("/api/v1/digests")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/capability-unavailable"))
                .body("detail", containsString("LLM_PROVIDER=openai"))
                .body("detail", containsString("LLM_BASE_URL"));
    }

    @Test
    void aTranslationIsA503NamingTheSettingsThatEnableIt() {
        given().contentType(ContentType.JSON)
                .body(Articles.digest(Corpus.text(Corpus.SEED_CLEAN), "summaryLanguage", "fr"))
                .when().post("/api/v1/digests")
                .then().statusCode(503)
                .body("type", equalTo("/problems/capability-unavailable"))
                .body("detail", containsString("cannot translate"))
                .body("detail", containsString("LLM_PROVIDER"));
    }

    @Test
    void anArticleAlreadyInTheTargetLanguageNeedsNoModel() {
        String english = Corpus.text("readability/bbc-1.txt");

        given().contentType(ContentType.JSON)
                .body(java.util.Map.of("text", english, "targetLanguage", "en"))
                .when().post("/api/v1/translations")
                .then().statusCode(200)
                .body("sourceLanguage", equalTo("en"))
                .body("translation.text", equalTo(english.strip()))
                .body("cached", equalTo(false));
    }

    @Test
    void saysSummariesStayInTheSourceLanguageAndThereAreNoTranslations() {
        given().when().get("/api/v1/languages")
                .then().statusCode(200)
                .body("source.code", org.hamcrest.Matchers.contains("fr", "en"))
                .body("target", empty())
                .body("summaryInSourceLanguageOnly", equalTo(true))
                // The extractive provider needs no model: nothing is missing.
                .body("modelReady", equalTo(true));
    }
}
