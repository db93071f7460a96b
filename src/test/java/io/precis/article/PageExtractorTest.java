package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.precis.core.Failure;
import io.precis.core.ServiceException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PageExtractorTest {

    private static final String PARAGRAPH = "Les députés ont adopté, mardi soir, le projet de loi sur le renseignement"
            + " par 438 voix contre 86, après des semaines de débats, d'amendements et de critiques.";

    private final PageExtractor extractor = new PageExtractor();

    private static String page(String head, String body) {
        return "<!DOCTYPE html><html lang=\"fr-FR\"><head>" + head + "</head><body>" + body + "</body></html>";
    }

    private static String article(int paragraphs) {
        StringBuilder html = new StringBuilder("<article>");
        for (int i = 1; i <= paragraphs; i++) {
            html.append("<p>").append(i).append(". ").append(PARAGRAPH).append("</p>");
        }
        return html.append("</article>").toString();
    }

    @Test
    void keepsTheArticlesParagraphsAndDropsThePageAroundIt() {
        String html = page("<title>Loi renseignement - Le Journal</title><style>p { color: red }</style>",
                "<nav><a href=\"/\">Accueil</a> <a href=\"/politique\">Politique</a></nav>"
                        + "<div id=\"cookie-consent\">Nous utilisons des cookies. Accepter ou refuser.</div>"
                        + "<div class=\"share-buttons\"><a href=\"#\">Partager sur Facebook</a></div>"
                        + article(4)
                        + "<script>var tracking = 'pixel';</script>"
                        + "<div class=\"related-articles\"><ul><li><a href=\"/1\">Un autre article à lire</a></li>"
                        + "<li><a href=\"/2\">Encore un article, très lu aujourd'hui</a></li></ul></div>"
                        + "<section id=\"comments\"><p>Jean : très bon article, merci pour ce travail, bravo.</p>"
                        + "</section><div class=\"ad-slot\">Publicité</div><footer>Mentions légales</footer>");

        String text = extractor.extract(html).text();

        assertThat(text.split("\n\n")).hasSize(4).allSatisfy(p -> assertThat(p).endsWith(PARAGRAPH));
        assertThat(text).doesNotContain("Accueil", "cookies", "Partager", "tracking", "autre article", "Jean",
                "Publicité", "Mentions", "color");
    }

    @Test
    void turnsLineBreaksAndBlockBoundariesIntoParagraphBreaks() {
        String html = page("", "<div class=\"article-body\"><p>Premier paragraphe, assez long pour compter dans"
                + " l'article, avec des virgules, des mots et une fin.<br><br>Deuxième paragraphe, séparé du premier"
                + " par deux sauts de ligne, comme sur bien des sites.<br>Troisième, après un seul saut de ligne, lui"
                + " aussi assez long pour être gardé.</p><blockquote>Une citation, dans un bloc à elle, longue de plus"
                + " de quelques mots.</blockquote><div>Un dernier bloc &eacute;crit avec des entit&eacute;s&nbsp;:"
                + " &laquo;&#160;guillemets&#160;&raquo;.</div></div>");

        String text = extractor.extract(html).text();

        assertThat(text.split("\n\n")).containsExactly(
                "Premier paragraphe, assez long pour compter dans l'article, avec des virgules, des mots et une fin.",
                "Deuxième paragraphe, séparé du premier par deux sauts de ligne, comme sur bien des sites.",
                "Troisième, après un seul saut de ligne, lui aussi assez long pour être gardé.",
                "Une citation, dans un bloc à elle, longue de plus de quelques mots.",
                "Un dernier bloc écrit avec des entités : « guillemets ».");
    }

    @Test
    void readsTheMetadataThePageDeclares() {
        String html = page("<meta property=\"og:title\" content=\"Le titre partagé\">"
                + "<meta property=\"og:site_name\" content=\"Le Journal\">"
                + "<meta name=\"author\" content=\"Marie Dupont\">"
                + "<meta property=\"article:published_time\" content=\"2025-08-15T18:30:00+02:00\">"
                + "<title>Autre titre | Le Journal</title>", "<h1>Le titre de la page</h1>" + article(3));

        PageMetadata metadata = extractor.extract(html).metadata();

        assertThat(metadata).isEqualTo(new PageMetadata("Le titre partagé", "Marie Dupont",
                "2025-08-15T18:30:00+02:00", "Le Journal", "fr"));
    }

    @Test
    void takesTheTitleFromTheHeadingThenFromTheDocumentTitleWithoutTheSiteName() {
        assertThat(extractor.extract(page("<title>Autre | Site</title>", "<h1>Le titre en tête</h1>" + article(3)))
                .metadata().title()).isEqualTo("Le titre en tête");
        assertThat(extractor.extract(page("<title>Le projet de loi adopté - Le Journal</title>", article(3)))
                .metadata().title()).isEqualTo("Le projet de loi adopté");
        assertThat(extractor.extract(page("<meta property=\"og:title\" content=\"Obama parle - BBC News\">"
                + "<meta property=\"og:site_name\" content=\"BBC News\">", article(3))).metadata().title())
                .isEqualTo("Obama parle");
    }

    @Test
    void findsTheBylineAndDateInThePageWhenNoMetaTagGivesThem() {
        String html = "<html><body><article><h1>Titre</h1><a rel=\"author\" href=\"/a\">Par Sébastien Farcis</a>"
                + "<time datetime=\"2015-04-30T07:19:58\">30 avril 2015</time>" + article(3) + "</article></body>"
                + "</html>";

        PageMetadata metadata = extractor.extract(html).metadata();

        assertThat(metadata.byline()).isEqualTo("Par Sébastien Farcis");
        assertThat(metadata.publishedTime()).isEqualTo("2015-04-30T07:19:58");
        assertThat(metadata.language()).isNull();
    }

    @Test
    void refusesAnIndexPageOfLinks() {
        StringBuilder index = new StringBuilder("<nav>Rubriques</nav><main><ul>");
        for (int i = 0; i < 40; i++) {
            index.append("<li><a href=\"/article-").append(i).append("\">Un titre d'article numéro ").append(i)
                    .append(", avec ses mots-clés</a> <span>il y a 2 h</span></li>");
        }
        String html = page("<title>Accueil - Le Journal</title>", index.append("</ul></main>").toString());

        assertThatThrownBy(() -> extractor.extract(html)).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.failure()).isEqualTo(Failure.NO_ARTICLE_IN_PAGE));
    }

    @Test
    void refusesEmptyPagesAndBinaryData() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        for (String html : new String[] {"", "  \n ", page("<title>Vide</title>", ""),
                new String(png, java.nio.charset.StandardCharsets.ISO_8859_1)}) {
            assertThatThrownBy(() -> extractor.extract(html)).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.failure()).isEqualTo(Failure.NO_ARTICLE_IN_PAGE));
        }
    }

    @Test
    void findsTheHeadlineAndBylineInThePageButNotInItsLogoOrComments() {
        String html = "<html><body><header class=\"site-header\"><h1 class=\"logo\">Le Journal</h1></header>"
                + "<h1>Le vrai titre de l'article</h1>" + article(3)
                + "<section class=\"comments\"><span class=\"comment-author\">Troll42</span>"
                + "<p>Un commentaire, avec une virgule.</p></section></body></html>";

        PageMetadata metadata = extractor.extract(html).metadata();

        assertThat(metadata.title()).isEqualTo("Le vrai titre de l'article");
        assertThat(metadata.byline()).isNull();
    }

    @Test
    void keepsAColonInAHeadlineTakenFromTheDocumentTitle() {
        assertThat(extractor.extract(page("<title>Le président Macron : il annonce une réforme | Le Journal"
                + "</title>", article(3))).metadata().title())
                .isEqualTo("Le président Macron : il annonce une réforme");
    }

    @Test
    void keepsAShortLeadParagraphThatCarriesStructuredData() {
        String lead = "Le texte sera examiné par le Sénat, puis par le Conseil constitutionnel.";
        String html = page("", "<article><p class=\"chapo\" itemprop=\"description\">" + lead + "</p>"
                + article(3).replace("<article>", ""));

        assertThat(extractor.extract(html).text()).startsWith(lead);
    }

    @Test
    void refusesDeeplyNestedOrHugePagesWithoutSpendingTimeOnThem() {
        String nested = "<html><body><article>" + "<div>".repeat(20_000) + PARAGRAPH + "</div>".repeat(20_000)
                + "</article></body></html>";
        String huge = page("", "<p>" + PARAGRAPH + "</p>" + "<span>x</span>".repeat(100_000));

        for (String html : new String[] {nested, huge}) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> extractor.extract(html))
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.NO_ARTICLE_IN_PAGE)));
        }
    }
}
