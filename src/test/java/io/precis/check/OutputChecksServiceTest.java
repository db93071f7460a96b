package io.precis.check;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.precis.cache.ResultCache;
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
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The output checks in the service, with a fake model that commits each defect: one corrective turn that names it,
 * then the answer served with warnings, stored with them and counted.
 */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class OutputChecksServiceTest {

    static final String SEED = Corpus.text(Corpus.SEED_CLEAN);
    static final String WRONG_NUMBER = "Vladimir Putin and Donald Trump met in Anchorage with 12 ministers.";
    static final String INVENTED_NAME = "Vladimir Putin and Donald Trump met in Anchorage with Jean Dupont.";

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
    void asksOnceMoreNamingTheDefectThenServesTheTextWithAWarning() {
        fake.on(Task.SUMMARY, Reply.text(WRONG_NUMBER));
        fake.on(Task.CORRECTION, Reply.text(WRONG_NUMBER));

        summarize().statusCode(200)
                .body("summary.text", equalTo(WRONG_NUMBER))
                .body("summary.warnings.code", contains("number-not-in-source"))
                .body("summary.warnings[0].detail", equalTo("The number '12' is not in the article."))
                .body("summary.warnings[0].excerpt", equalTo("Donald Trump met in Anchorage with 12 ministers."));

        assertThat(fake.calls()).extracting(FakeLlmServer.Call::task).containsExactly(Task.SUMMARY, Task.CORRECTION);
        String correction = fake.calls().get(1).messages().get(2);
        assertThat(correction).contains("The number '12' is not in the article.",
                "Use only the numbers, dates and amounts the article gives");
    }

    @Test
    void servesTheCorrectedTextWithoutWarnings() {
        fake.on(Task.SUMMARY, Reply.text(INVENTED_NAME));

        summarize().statusCode(200)
                .body("summary.text", equalTo(Texts.ENGLISH_SHORT_SUMMARY))
                .body("summary.warnings", nullValue());

        assertThat(fake.calls().get(1).messages().get(2)).contains("The name 'Jean Dupont' is not in the article.");
    }

    @Test
    void keepsTheAnswerWithFewerDefectsWhenTheCorrectionIsWorse() {
        fake.on(Task.SUMMARY, Reply.text(WRONG_NUMBER));
        fake.on(Task.CORRECTION, Reply.text("Vladimir Putin met Jean Dupont and 14 ministers in 1999."));

        summarize().statusCode(200)
                .body("summary.text", equalTo(WRONG_NUMBER))
                .body("summary.warnings.code", contains("number-not-in-source"));
    }

    @Test
    void namesTheParagraphATranslationLeftOut() {
        List<String> paragraphs = List.of(Texts.englishTranslationOf(SEED).split("\n\n"));
        String missingFourth = String.join("\n\n", paragraphs.subList(0, 3)) + "\n\n"
                + String.join("\n\n", paragraphs.subList(4, paragraphs.size()));
        fake.on(Task.TRANSLATION, Reply.text(missingFourth));
        fake.on(Task.CORRECTION, Reply.text(missingFourth));

        translate().statusCode(200)
                .body("translation.warnings.code", hasItem("paragraph-missing"))
                .body("translation.warnings.find { it.code == 'paragraph-missing' }.excerpt",
                        startsWith("Les discussions se déroulent à huis clos"));

        String correction = fake.calls().get(1).messages().get(2);
        assertThat(correction).contains("Translate every paragraph of the article", "paragraph 4 of the article")
                // The article's words stay inside its markers: the corrective turn names the paragraph only.
                .doesNotContain("Les discussions se déroulent");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "summary | Vladimir Putin and Donald Trump met in Anchorage with Jean Dupont. | name-not-in-source",
        "summary | Vladimir Putin and Donald Trump met in Anchorage. They talked. They left. It rained. | "
                + "summary-too-long",
        "translation | FRENCH | untranslated-paragraph",
        "translation | SHORTENED | paragraph-length",
        "translation | UNQUOTED | quotation-missing",
        "translation | SPLIT | paragraph-added"})
    void eachKindOfDefectGetsItsCorrectiveTurnThenItsWarning(String task, String answer, String code) {
        String article = task.equals("summary") ? SEED : QUOTED;
        String english = Texts.englishTranslationOf(article);
        String bad = switch (answer) {
            case "FRENCH" -> english.substring(0, english.lastIndexOf("\n\n")) + "\n\n"
                    + article.substring(article.lastIndexOf("\n\n") + 2);
            case "SHORTENED" -> english.replaceFirst("(?s)^([^\n]{30})[^\n]*", "$1.");
            case "UNQUOTED" -> english.replace("“Nothing is settled yet,” one of them said.", "Nothing is settled.");
            case "SPLIT" -> english.replaceFirst("\\. ", ".\n\n");
            default -> answer;
        };
        fake.on(task.equals("summary") ? Task.SUMMARY : Task.TRANSLATION, Reply.text(bad));
        fake.on(Task.CORRECTION, Reply.text(bad));

        var response = task.equals("summary")
                ? given().contentType(ContentType.JSON).body(Map.of("text", article, "language", "en", "length",
                        "short")).when().post("/api/v1/summaries").then()
                : given().contentType(ContentType.JSON).body(Map.of("text", article, "targetLanguage", "en"))
                        .when().post("/api/v1/translations").then();

        response.statusCode(200).body(task + ".warnings.code", hasItem(code));
        assertThat(fake.calls()).extracting(FakeLlmServer.Call::task).endsWith(Task.CORRECTION);
    }

    /** An article whose paragraphs are long enough for the length bounds, one of them with a quotation. */
    static final String QUOTED = "Le président russe et le président américain se sont retrouvés ce vendredi à"
            + " Anchorage, en Alaska, pour un nouvel échange bilatéral, entourés de leurs ministres et de leurs"
            + " conseillers les plus proches.\n\n« Rien n'est encore réglé », a déclaré l'un des ministres à la"
            + " sortie de la première séance, avant d'ajouter que les discussions reprendraient dans l'après-midi"
            + " avec les délégations élargies.\n\nLes discussions se déroulent à huis clos, en présence de deux"
            + " ministres de chaque camp, une configuration peu courante qui traduit la volonté des deux pays de"
            + " limiter la médiatisation des échanges.";

    @Test
    void servesTheFirstTextWithItsWarningsWhenTheCorrectionFails() {
        fake.on(Task.SUMMARY, Reply.text(WRONG_NUMBER));
        fake.on(Task.CORRECTION, Reply.error(400, "invalid_request_error"));

        summarize().statusCode(200)
                .body("summary.text", equalTo(WRONG_NUMBER))
                .body("summary.warnings.code", contains("number-not-in-source"));
    }

    @Test
    void servesTheWarningsWithTheStoredTextWithoutCallingTheModelAgain() {
        fake.on(Task.SUMMARY, Reply.text(WRONG_NUMBER));
        fake.on(Task.CORRECTION, Reply.text(WRONG_NUMBER));
        summarize().statusCode(200);
        int calls = fake.calls().size();

        summarize().statusCode(200)
                .body("cached", equalTo(true))
                .body("summary.warnings.code", contains("number-not-in-source"));

        assertThat(fake.calls()).hasSize(calls);
    }

    @Test
    void countsWarningsByCodeInTheMetrics() {
        double before = warningsCounted("number-not-in-source");
        fake.on(Task.SUMMARY, Reply.text(WRONG_NUMBER));
        fake.on(Task.CORRECTION, Reply.text(WRONG_NUMBER));

        summarize().statusCode(200);

        assertThat(warningsCounted("number-not-in-source")).isEqualTo(before + 1);
    }

    static io.restassured.response.ValidatableResponse summarize() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("text", SEED, "language", "en", "length", "short"))
                .when().post("/api/v1/summaries")
                .then();
    }

    static io.restassured.response.ValidatableResponse translate() {
        return given().contentType(ContentType.JSON).body(Map.of("text", SEED, "targetLanguage", "en"))
                .when().post("/api/v1/translations")
                .then();
    }

    private static double warningsCounted(String code) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("precis_output_warnings_total{")
                        && line.contains("code=\"" + code + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
