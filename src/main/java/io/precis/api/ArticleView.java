package io.precis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.precis.article.PageMetadata;
import io.precis.digest.Digest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the page sent as HTML said about its article.
 *
 * @param title             the page's headline
 * @param byline            the author line
 * @param publishedTime     when it was published, as the page states it
 * @param siteName          the publication
 * @param language          the language the page declares
 * @param languageConfirmed whether detection on the article's text agrees with the declared language
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Article", description = "What the page sent as HTML said about its article; each field is absent when"
        + " the page does not say it. Only for articles sent as a page.", example = """
        {"title": "Un troisième Français mort dans le séisme au Népal", "byline": "AFP",
         "publishedTime": "2015-04-30T07:19:58", "siteName": "Libération.fr", "language": "fr",
         "languageConfirmed": true}""")
public record ArticleView(
        @Schema(description = "The headline: og:title, else the first h1, else the document title without the site's"
                + " name. It is given to the model when the request has no title.",
                example = "Un troisième Français mort dans le séisme au Népal") String title,
        @Schema(description = "The author line.", example = "Par Sébastien Farcis") String byline,
        @Schema(description = "When the article was published, as the page states it (usually ISO 8601).",
                example = "2015-04-30T07:19:58") String publishedTime,
        @Schema(description = "The publication's name.", example = "Libération.fr") String siteName,
        @Schema(description = "The language the page declares (html lang, Content-Language or og:locale), as an ISO"
                + " 639-1 code. The article's language is detected from its text (sourceLanguage).", example = "fr")
        String language,
        @Schema(description = "Whether the language detected from the article's text is the declared one; absent"
                + " when the page declares none.") Boolean languageConfirmed) {

    static ArticleView of(Digest digest) {
        PageMetadata page = digest.page();
        if (page == null) {
            return null;
        }
        Boolean confirmed = page.language() == null ? null
                : page.language().equals(digest.sourceLanguage().code());
        return new ArticleView(page.title(), page.byline(), page.publishedTime(), page.siteName(), page.language(),
                confirmed);
    }
}
