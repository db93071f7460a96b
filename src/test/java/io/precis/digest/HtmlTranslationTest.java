package io.precis.digest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.precis.article.FragmentTest;
import io.precis.cache.ResultCache;
import io.precis.testing.Circuits;
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
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code format: "html"}: a CMS body comes back with the same tags, attributes and links, its text translated, and
 * an answer that breaks the markup is caught.
 */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class HtmlTranslationTest {

    private static final String BODY = """
            <h2>Un tête-à-tête discret avant les échanges élargis</h2>
            <p>Le président russe <a href="https://example.org/poutine" title="Portrait du président russe">Vladimir \
            Poutine</a> et le président <b>américain</b> se sont retrouvés ce vendredi à Anchorage, en Alaska, pour \
            un nouvel échange bilatéral, entourés de leurs ministres.</p>
            <figure><img src="/photos/anchorage.jpg" alt="Les deux présidents sur le tapis rouge de la base">\
            <figcaption>Les deux dirigeants sur le tapis rouge, à leur arrivée quasi simultanée.</figcaption></figure>
            <ul><li>Les discussions se déroulent à huis clos, en présence de deux ministres de chaque camp.</li>\
            <li>Cette configuration traduit la volonté de <em>limiter la médiatisation</em> des échanges.</li></ul>
            <script>var nePasTraduire = "texte";</script>""";

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
    void aFragmentComesBackWithTheSameTagsAttributesAndLinksItsTextTranslated() {
        String html = translate().statusCode(200)
                .body("translation.language", equalTo("en"))
                .extract().path("translation.text");

        assertThat(FragmentTest.structure(html)).isEqualTo(FragmentTest.structure(BODY));
        assertThat(Jsoup.parseBodyFragment(html).selectFirst("a").attr("href"))
                .isEqualTo("https://example.org/poutine");
        assertThat(Jsoup.parseBodyFragment(html).selectFirst("img").attr("alt")).isNotBlank()
                .doesNotContain("présidents", "tapis");
        assertThat(html).doesNotContain("Les discussions", "⟦").contains("var nePasTraduire = \"texte\";");
        assertThat(fake.calls()).hasSize(1);
        String user = fake.calls().get(0).messages().get(1);
        assertThat(user).contains("⟦1⟧Vladimir Poutine⟦/1⟧", "Keep every marker exactly once");
    }

    @Test
    void anAnswerThatBreaksTheMarkupGetsACorrectiveTurnThenA502() {
        fake.translateWith(article -> Texts.markedTranslationOf(article).replaceFirst("⟦/1⟧", ""));

        translate().statusCode(502).body("type", equalTo("/problems/llm-bad-output"));

        assertThat(fake.calls()).extracting(FakeLlmServer.Call::task)
                .containsExactly(Task.TRANSLATION, Task.CORRECTION);
        assertThat(fake.calls().get(1).messages().get(2)).contains("do not open and close in order");
    }

    @Test
    void twoFragmentsWithTheSameWordsInOtherElementsAreTwoResults() {
        String sentence = "Les discussions se déroulent à huis clos, en présence de deux ministres de chaque camp";

        for (String html : new String[] {"<p>" + sentence + ".</p><p>Elles reprendront demain matin.</p>",
            "<p>" + sentence + ". Elles reprendront demain matin.</p>"}) {
            given().contentType(ContentType.JSON).body(Map.of("text", html, "format", "html", "targetLanguage", "en"))
                    .when().post("/api/v1/translations")
                    .then().statusCode(200).body("cached", equalTo(false));
        }

        assertThat(fake.count(Task.TRANSLATION)).isEqualTo(2);
    }

    @Test
    void aFragmentIsNotStreamed() {
        given().contentType(ContentType.JSON).body(Map.of("text", BODY, "format", "html", "targetLanguage", "en"))
                .when().post("/api/v1/translations/stream")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("format"));
    }

    private static io.restassured.response.ValidatableResponse translate() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("text", BODY, "format", "html", "targetLanguage", "en"))
                .when().post("/api/v1/translations").then();
    }
}
