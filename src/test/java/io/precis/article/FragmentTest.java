package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

public class FragmentTest {

    static final String CMS_BODY = """
            <h2>Un tête-à-tête discret</h2>
            <p>Le président russe <a href="https://example.org/poutine" title="Portrait du président">Vladimir \
            Poutine</a> et le président <b>américain</b> se sont retrouvés à Anchorage.<br>Fin de la ligne.</p>
            <figure><img src="/a.jpg" alt="Les deux présidents sur le tapis rouge">\
            <figcaption>Sur le tapis rouge.</figcaption></figure>
            <script>var nePasTraduire = "texte";</script>""";

    @Test
    void givesTheModelOneParagraphPerRunOfTextAndAttributeWithMarkersForInlineElements() {
        Fragment fragment = Fragment.parse(CMS_BODY);

        assertThat(Markers.paragraphs(fragment.markedText())).containsExactly(
                "Un tête-à-tête discret",
                "Le président russe ⟦1⟧Vladimir Poutine⟦/1⟧ et le président ⟦2⟧américain⟦/2⟧ se sont retrouvés à"
                        + " Anchorage.⟦3/⟧Fin de la ligne.",
                "Portrait du président",
                "Les deux présidents sur le tapis rouge",
                "Sur le tapis rouge.");
    }

    @Test
    void putsATranslationBackWithTheSameTagsAttributesAndLinks() {
        Fragment fragment = Fragment.parse(CMS_BODY);
        String translation = String.join("\n\n", List.of(
                "A discreet one-on-one",
                "The Russian president ⟦1⟧Vladimir Putin⟦/1⟧ and the ⟦2⟧American⟦/2⟧ president met in"
                        + " Anchorage.⟦3/⟧End of the line.",
                "Portrait of the president",
                "The two presidents on the red carpet",
                "On the red carpet."));

        assertThat(Markers.problem(fragment.markedText(), translation)).isNull();
        String html = fragment.rebuild(translation);

        assertThat(structure(html)).isEqualTo(structure(CMS_BODY));
        Element link = Jsoup.parseBodyFragment(html).selectFirst("a");
        assertThat(link.attr("href")).isEqualTo("https://example.org/poutine");
        assertThat(link.attr("title")).isEqualTo("Portrait of the president");
        assertThat(link.text()).isEqualTo("Vladimir Putin");
        assertThat(Jsoup.parseBodyFragment(html).selectFirst("img").attr("alt"))
                .isEqualTo("The two presidents on the red carpet");
        assertThat(html).contains("var nePasTraduire = \"texte\";", "<br>End of the line.");
    }

    @Test
    void leavesOutSpacersKeepsCodeAndIconsWholeAndRefusesTheMarkersOwnCharacters() {
        Fragment fragment = Fragment.parse("<p>&nbsp;</p><p>\u2003</p><p>Tapez <code>ls -l</code> puis"
                + " <svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/></svg> validez.</p>");

        assertThat(Markers.paragraphs(fragment.markedText())).containsExactly("Tapez ⟦1/⟧ puis ⟦2/⟧ validez.");
        String html = fragment.rebuild("Type ⟦1/⟧ then ⟦2/⟧ confirm.");
        assertThat(html).contains("<code>ls -l</code>", "<path d=\"M0 0\" />", "Type ", " confirm.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fragment.parse("<p>⟦99⟧texte⟦/99⟧</p>"))
                .isInstanceOf(io.precis.core.ServiceException.class).hasMessageContaining("⟦");
    }

    @Test
    void refusesATranslationThatLostMovedOrDoubledAMarkerOrAParagraph() {
        String source = "Le ⟦1⟧président ⟦2⟧russe⟦/2⟧⟦/1⟧ parle.\n\nSuite.";

        assertThat(Markers.problem(source, "The ⟦1⟧⟦2⟧Russian⟦/2⟧ president⟦/1⟧ speaks.\n\nNext.")).isNull();
        assertThat(Markers.problem(source, "The ⟦1⟧Russian president⟦/1⟧ speaks.\n\nNext.")).isNotNull();
        assertThat(Markers.problem(source, "The ⟦1⟧Russian⟦/1⟧ ⟦2⟧president⟦/2⟧ speaks.\n\nNext.")).isNotNull();
        assertThat(Markers.problem(source, "The ⟦1⟧Russian ⟦2⟧president⟦/1⟧⟦/2⟧.\n\nNext.")).isNotNull();
        assertThat(Markers.problem(source, "The ⟦1⟧⟦2⟧Russian⟦/2⟧ president⟦/1⟧ speaks. Next.")).isNotNull();
        assertThat(Markers.problem(source, "⟦1⟧⟦2⟧x⟦/2⟧⟦/1⟧ ⟦1⟧y⟦/1⟧\n\nNext.")).isNotNull();
    }

    /** Each element's name and attributes but alt and title, in document order. */
    public static List<String> structure(String html) {
        return Jsoup.parseBodyFragment(html).body().select("*").stream().skip(1)
                .map(e -> e.normalName() + e.attributes().asList().stream()
                        .filter(a -> !a.getKey().equals("alt") && !a.getKey().equals("title"))
                        .map(a -> " " + a.getKey() + "=" + a.getValue()).reduce("", String::concat))
                .toList();
    }
}
