package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.precis.testing.Articles;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.LogCapture;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets a 4xx problem, never a 500, and never reaches the language model. */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class RequestValidationTest {

    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    @FakeLlm
    FakeLlmServer fake;

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @AfterEach
    void nothingReachedTheModel() {
        assertThat(fake.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\": ", "{text: 'x'}", "not json at all", "{\"text\": \"a\"} trailing"})
    void malformedJsonIsA400(String body) {
        post(body).statusCode(400)
                .body("type", equalTo("/problems/invalid-request"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("detail", containsString("not valid JSON"))
                .body("instance", equalTo("/api/v1/digests"));
    }

    static java.util.stream.Stream<Arguments> invalidFields() {
        return java.util.stream.Stream.of(
                Arguments.of("{\"text\": 42}", "text", "expected a string"),
                Arguments.of("{\"text\": \"x\", \"translate\": \"yes\"}", "translate", "expected true or false"),
                Arguments.of("{\"text\": \"x\", \"translate\": 1}", "translate", "expected true or false"),
                Arguments.of("{\"text\": \"x\", \"summaryLanguage\": \"xx\"}", "summaryLanguage",
                        "'xx' is not one of fr, en"),
                Arguments.of("{\"text\": \"x\", \"targetLanguage\": \"de\"}", "targetLanguage",
                        "'de' is not one of fr, en"),
                Arguments.of("{\"text\": \"x\", \"summaryLength\": \"huge\"}", "summaryLength",
                        "'huge' is not one of short, medium, long"),
                Arguments.of("{\"text\": \"x\", \"summaryLength\": 3}", "summaryLength",
                        "'3' is not one of short, medium, long"),
                Arguments.of("{\"text\": [\"a\"]}", "text", "expected a string"),
                Arguments.of("{\"text\": \"x\", \"title\": {\"a\": 1}}", "title", "expected a string"),
                Arguments.of("{\"text\": \"x\", \"summaryLanguag\": \"fr\"}", "summaryLanguag",
                        "is not a field of this request; its fields are callbackUrl, doNotTranslate, glossary,"
                                + " glossaryId, html, summaryLanguage, summaryLength, targetLanguage, text, title,"
                                + " translate"),
                Arguments.of("{\"text\": \"x\", \"text\": \"y\"}", "text", "is given more than once"),
                Arguments.of("{\"text\": \"x\\ud800 y\"}", "text",
                        "holds an unpaired surrogate (\\uD800) at character 1, which is not valid Unicode"),
                Arguments.of("{\"text\": \"Le président a parlé mardi devant les députés.\", \"title\": \"t\\udc00\"}",
                        "title",
                        "holds an unpaired surrogate (\\uDC00) at character 1, which is not valid Unicode"),
                Arguments.of("{\"html\": \"<p>x\\ud800</p>\"}", "html",
                        "holds an unpaired surrogate (\\uD800) at character 4, which is not valid Unicode"));
    }

    @ParameterizedTest
    @MethodSource("invalidFields")
    void anInvalidFieldIsA400NamingIt(String body, String field, String message) {
        post(body).statusCode(400)
                .body("type", equalTo("/problems/invalid-request"))
                .body("detail", equalTo(field + ": " + message))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo(message));
    }

    @Test
    void languageCodesAreCaseInsensitive() {
        // Past field validation, the German article is then refused for its language.
        post(Articles.digest(Corpus.text("readability/heise.txt"), "summaryLanguage", "FR", "summaryLength", "Short"))
                .statusCode(422)
                .body("type", equalTo("/problems/unsupported-language"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "[]"})
    void aMissingArticleIsA400(String body) {
        post(body).statusCode(400).body("type", equalTo("/problems/invalid-request"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"   \n\t ", "Click to comment\n\nLaisser un commentaire\n\nLes + Lus", "\u200B\u200B"})
    void noTextLeftAfterCleaningIsA422(String text) {
        post(Articles.digest(text)).statusCode(422)
                .body("type", equalTo("/problems/no-article-text"));
    }

    @ParameterizedTest
    @CsvSource({"readability/heise.txt, de", "readability/folha.txt, pt"})
    void anUnsupportedSourceLanguageIsA422NamingIt(String file, String code) {
        post(Articles.digest(Corpus.text(file))).statusCode(422)
                .body("type", equalTo("/problems/unsupported-language"))
                .body("detail", containsString("'" + code + "'"));
    }

    @Test
    void textWithoutAnyLanguageIsA422() {
        post(Articles.digest("12 345 678 910 — 42 %")).statusCode(422)
                .body("type", equalTo("/problems/unsupported-language"))
                .body("detail", containsString("could not be determined"));
    }

    @Test
    void anArticleOverTheCharacterLimitIsA413() {
        String long_ = (SEED + "\n\n").repeat(100);
        assertThat(long_.length()).isGreaterThan(200_000);

        post(Articles.digest(long_)).statusCode(413)
                .body("type", equalTo("/problems/article-too-long"))
                .body("detail", containsString("ARTICLE_MAX_CHARS"));
    }

    @Test
    void aTitleOverFiveHundredCharactersIsA400() {
        post(Articles.digest(SEED, "title", "Titre ".repeat(100))).statusCode(400)
                .body("errors[0].field", equalTo("title"));
    }

    @Test
    void refusesAHugeTitleWithoutCleaningIt() {
        post(Articles.digest(SEED, "title", "Titre ".repeat(200_000))).statusCode(400)
                .body("errors[0].field", equalTo("title"));
    }

    @Test
    void aChunkedBodyOverTheHttpLimitIsA413Problem() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/v1/digests"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"text\": \"" + "a".repeat(2_200_000) + "\"}").getBytes())))
                .build();

        var response = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("/problems/body-too-large");
    }

    @Test
    void aBodyOverTheHttpLimitIsA413Problem() {
        post(Articles.digest("a".repeat(2_200_000))).statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/body-too-large"));
    }

    @Test
    void anUnsupportedMediaTypeIsA415() {
        given().contentType(ContentType.XML).body("<article>Bonjour</article>")
                .when().post("/api/v1/digests")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/unsupported-media-type"));
    }

    /**
     * A Content-Type that is not a media type at all failed inside the REST layer's parser, as a 500 with its stack
     * trace logged: every such request is now a 415 problem, and nothing is logged at ERROR.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x", "!!!", "a/b/c", "/json", "application/", "text/plain; charset=",
        "text/plain; charset", "application/json; q=\"unterminated", "text/plain, application/json"})
    void aContentTypeThatIsNotAMediaTypeIsA415(String contentType) {
        try (LogCapture logs = LogCapture.start()) {
            given().header("Content-Type", contentType)
                    .body("{\"text\": \"Le président a parlé.\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .when().post("/api/v1/digests")
                    .then().statusCode(415)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/unsupported-media-type"))
                    .body("detail", containsString("not a media type"));

            assertThat(logs.all()).noneMatch(line -> line.contains("ERROR"));
        }
    }

    /** Each spelling names UTF-8, so Latin-1 bytes are refused as invalid UTF-8: the charset was read. */
    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset=\"utf-8\"", "text/plain;charset=UTF-8", "text/plain ; charset=utf8",
        "text/plain;\tcharset=utf-8", "text/plain;"})
    void aContentTypeWithParametersInAnyValidSpellingIsRead(String contentType) {
        plainText(contentType, "Le président a parlé mardi.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .statusCode(400)
                .body("detail", containsString("is not valid UTF-8"));
    }

    /** A second Content-Type once reached the REST layer's parser and answered 500. */
    @Test
    void twoContentTypeHeadersAreA415() throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + io.restassured.RestAssured.port + "/api/v1/digests"))
                        .header("Content-Type", "application/json").header("Content-Type", "x")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\": \"x\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.body()).contains("/problems/unsupported-media-type", "2 Content-Type headers");
    }

    private static ValidatableResponse plainText(String contentType, byte[] body) {
        // REST Assured would append its own default charset (ISO-8859-1) to a text/plain without one.
        return given().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig
                        .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Content-Type", contentType).body(body)
                .when().post("/api/v1/digests")
                .then();
    }

    static java.util.stream.Stream<Arguments> badPlainText() {
        byte[] latin1 = "Le président a parlé mardi.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] overlong = {'L', 'e', ' ', (byte) 0xC0, (byte) 0xAF, ' ', 'x'};
        byte[] loneHalf = {(byte) 0xFF, (byte) 0xFE, 'L', 0, (byte) 0x00, (byte) 0xD8, 'e', 0};
        return java.util.stream.Stream.of(
                Arguments.of("text/plain", latin1, 400, "/problems/invalid-request", "is not valid UTF-8"),
                Arguments.of("text/plain; charset=utf-8", overlong, 400, "/problems/invalid-request",
                        "is not valid UTF-8"),
                Arguments.of("text/plain", loneHalf, 400, "/problems/invalid-request", "is not valid UTF-16LE"),
                Arguments.of("text/plain; charset=koi8-r", latin1, 415, "/problems/unsupported-media-type",
                        "The charset 'koi8-r' is not read"),
                Arguments.of("text/plain; charset=nonsense", latin1, 415, "/problems/unsupported-media-type",
                        "The charset 'nonsense' is not read"),
                Arguments.of("text/plain; charset=iso-8859-15", latin1, 415, "/problems/unsupported-media-type",
                        "The charset 'iso-8859-15' is not read"));
    }

    @ParameterizedTest
    @MethodSource("badPlainText")
    void plainTextThatIsNotValidInItsCharsetOrInAnUnknownCharsetIsRefused(String contentType, byte[] body,
            int status, String type, String detail) {
        plainText(contentType, body).statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(type))
                .body("detail", containsString(detail));
    }

    @ParameterizedTest
    @CsvSource({"summaryLanguage, xx", "targetLanguage, es", "summaryLength, tiny", "translate, maybe"})
    void anInvalidQueryParameterOfThePlainTextFormIsA400(String name, String value) {
        given().contentType(ContentType.TEXT).body(SEED).queryParam(name, value)
                .when().post("/api/v1/digests")
                .then().statusCode(400)
                .body("errors[0].field", equalTo(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "zz00000000000000000000000000000000000000000000000000000000000000",
        "00000000000000000000000000000000000000000000000000000000000000000"})
    void aMalformedHashIsA400(String hash) {
        given().when().get("/api/v1/digests/{hash}", hash)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("articleHash"));
    }

    @Test
    void anUnknownHashIsA404() {
        given().when().get("/api/v1/digests/{hash}", "0".repeat(64))
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        given().when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").when().put("/api/v1/digests")
                .then().statusCode(405).contentType("application/problem+json")
                .body("type", equalTo("/problems/method-not-allowed"));
    }

    @Test
    void theEndpointsForOneHalfValidateTheirFieldsToo() {
        given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"language\": \"it\"}")
                .when().post("/api/v1/summaries")
                .then().statusCode(400).body("errors[0].field", equalTo("language"));
        given().contentType(ContentType.JSON).body("{\"text\": \"x\", \"targetLanguage\": \"it\"}")
                .when().post("/api/v1/translations")
                .then().statusCode(400).body("errors[0].field", equalTo("targetLanguage"));
    }

    @Test
    void problemTypesResolveToAnExplanation() {
        given().when().get("/problems/article-too-long")
                .then().statusCode(200)
                .body(containsString("Article too long (HTTP 413)"))
                .body(not(containsString("Exception")));
    }

    private static ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/digests")
                .then()
                .contentType("application/problem+json")
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")));
    }
}
