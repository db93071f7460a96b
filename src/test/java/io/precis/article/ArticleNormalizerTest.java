package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.core.Sha256;
import io.precis.testing.Corpus;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArticleNormalizerTest {

    private final ArticleNormalizer normalizer = new ArticleNormalizer();

    /**
     * Stored results are found by article hash, in Redis across releases: a change to normalization that moves a
     * hash makes every stored result unreachable. These were computed by the regular-expression normalizer that the
     * present loops replaced.
     */
    @ParameterizedTest
    @CsvSource({
        "seeds/anchorage-summit-1.txt, 467881fd38bf374375fea129268b9369e7fd30fc28c1865d02a860bc1d434d2d",
        "seeds/anchorage-summit-2-scraped.txt, 84c8c0c6b84cf7ab779f616ba5a3c6431e8b18acfb19a7170640879ffb072d28",
        "readability/lemonde-1.txt, 69ee658118e9060bb1e5a716c4460914504f108d4de4289675567f3c59266416",
        "readability/liberation-1.txt, f789ce266edf456936efa921f171bd1298b081c06a27353f236327b5fd129136"
    })
    void keepsTheHashesOfArticlesStoredByEarlierReleases(String article, String hash) {
        assertThat(normalizer.normalize(Corpus.text(article)).hash()).isEqualTo(hash);
    }

    @Test
    void givesTheSameHashWhateverTheWhitespace() {
        String article = Corpus.text(Corpus.SEED_CLEAN);
        String reflowed = "  \t" + article.replace(" ", "  \u00A0").replace("\n\n", "\r\n\r\n\r\n")
                .replace(". ", ".\t ") + "\n\n\n";

        assertThat(normalizer.normalize(reflowed).hash()).isEqualTo(normalizer.normalize(article).hash());
    }

    @Test
    void givesTheSameHashForDecomposedAccents() {
        String article = Corpus.text(Corpus.SEED_CLEAN);
        String decomposed = Normalizer.normalize(article, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(article);

        Article normalized = normalizer.normalize(decomposed);

        assertThat(normalized.hash()).isEqualTo(normalizer.normalize(article).hash());
        assertThat(normalized.text()).contains("président américain");
    }

    @Test
    void givesTheSameHashWhenParagraphsAreLaidOutDifferently() {
        String twoParagraphs = "Premier paragraphe de l'article, assez long pour en être un.\n\n"
                + "Second paragraphe, qui suit le premier.";
        String oneLineEach = twoParagraphs.replace("\n\n", "\n");

        assertThat(normalizer.normalize(oneLineEach).hash()).isEqualTo(normalizer.normalize(twoParagraphs).hash());
    }

    @Test
    void hashIsTheSha256OfTheTextWithCollapsedWhitespace() {
        Article article = normalizer.normalize("Une phrase.\n\nUne autre phrase.");

        assertThat(article.text()).isEqualTo("Une phrase.\n\nUne autre phrase.");
        assertThat(article.hash()).isEqualTo(Sha256.hex("Une phrase. Une autre phrase."))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void decodesHtmlEntities() {
        Article article = normalizer.normalize("L&#039;Assemblée a voté &laquo;&nbsp;pour&nbsp;&raquo; &amp; contre.");

        assertThat(article.text()).isEqualTo("L'Assemblée a voté « pour » & contre.");
    }

    @Test
    void restoresTheSpaceMissingAfterSentencePunctuation() {
        Article article = normalizer.normalize("Il a frappé son voisin domestique.Consternant, a réagi le maire."
                + " \"C'est un gâchis de papier\".TRUMP MONTRE LES MUSCLES. Les U.S.A. et l'ONU.Fin? Oui!Non.");

        assertThat(article.text()).isEqualTo("Il a frappé son voisin domestique. Consternant, a réagi le maire."
                + " \"C'est un gâchis de papier\". TRUMP MONTRE LES MUSCLES. Les U.S.A. et l'ONU. Fin? Oui! Non.");
    }

    @Test
    void leavesDecimalsAndDomainNamesAlone() {
        Article article = normalizer.normalize("La croissance atteint 2.5 % selon orange.fr et www.insee.fr.");

        assertThat(article.text()).isEqualTo("La croissance atteint 2.5 % selon orange.fr et www.insee.fr.");
    }

    @Test
    void removesInvisibleAndTagCharacters() {
        String hidden = "Le prési\u200Bdent\u00AD a parlé\u200D.\uFEFF" + new String(Character.toChars(0xE0049))
                + new String(Character.toChars(0xE0067)) + " Fin\u2060.";

        assertThat(normalizer.normalize(hidden).text()).isEqualTo("Le président a parlé. Fin.");
    }

    @Test
    void removesThePageFurnitureAroundTheScrapedSeed() {
        Article scraped = normalizer.normalize(Corpus.text(Corpus.SEED_SCRAPED));

        assertThat(scraped.text())
                .startsWith("Trump et Poutine scellent un dialogue inédit en terre alaskienne\n\n"
                        + "Les deux dirigeants ont engagé des discussions approfondies")
                .endsWith("dans un contexte international particulièrement tendu.")
                .doesNotContain("Nous rejoindre", "Click to comment", "Laisser un commentaire",
                        "Votre adresse e-mail", "Les + Lus", "Monde\n", "\nArticle\n", "\nle\n");
        assertThat(scraped.paragraphs()).hasSize(5);
    }

    @Test
    void keepsSubheadingsInsideTheArticle() {
        Article clean = normalizer.normalize(Corpus.text(Corpus.SEED_CLEAN));

        assertThat(clean.paragraphs()).contains("Un tête-à-tête discret avant les échanges élargis",
                "Des délégations élargies et un possible dialogue à trois");
        assertThat(clean.text()).doesNotContain("Photo d'illustration");
    }

    @Test
    void removesLinkListsAndPromptsInsideTheArticle() {
        String page = """
                Partager sur Facebook
                Le gouvernement a présenté mardi un projet de loi qui réforme en profondeur le financement des retraites.
                À lire aussi : Retraites, ce qui change au 1er janvier
                Inscrivez-vous à notre newsletter quotidienne
                Le texte sera examiné au Sénat au printemps, avant un vote définitif attendu à l'été.
                Les plus lus
                Un séisme frappe le Japon
                La Bourse de Paris recule
                Ce site utilise des cookies pour mesurer l'audience. Accepter
                """;

        assertThat(normalizer.normalize(page).paragraphs()).containsExactly(
                "Le gouvernement a présenté mardi un projet de loi qui réforme en profondeur le financement des"
                        + " retraites.",
                "Le texte sera examiné au Sénat au printemps, avant un vote définitif attendu à l'été.");
    }

    @Test
    void keepsAnArticleSentenceAboutCookiesInsideTheBody() {
        String article = """
                La CNIL a infligé une amende record à un géant du numérique jeudi, pour ses pratiques commerciales.
                Selon le régulateur, le site utilise des cookies sans recueillir le consentement des internautes.
                L'entreprise dispose de trois mois pour se mettre en conformité avec la réglementation européenne.
                """;

        assertThat(normalizer.normalize(article).paragraphs()).hasSize(3);
    }

    @Test
    void joinsLinesThatAHardWrapSplit() {
        Article article = normalizer.normalize("Les deux dirigeants ont engagé des discussions\napprofondies sur le"
                + " conflit.\nUne nouvelle phrase commence ici.");

        assertThat(article.paragraphs()).containsExactly(
                "Les deux dirigeants ont engagé des discussions approfondies sur le conflit.",
                "Une nouvelle phrase commence ici.");
    }

    @Test
    void leavesNothingOfFurnitureAlone() {
        assertThat(normalizer.normalize("Click to comment\n\nLaisser un commentaire\n  \n").text()).isEmpty();
    }
}
