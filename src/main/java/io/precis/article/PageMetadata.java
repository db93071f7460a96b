package io.precis.article;

/**
 * What a page says about its article, each field null when the page does not say it.
 *
 * @param title         the headline: og:title, else the first h1, else the document title without the site's name
 * @param byline        the author line
 * @param publishedTime when the article was published, as the page states it (usually ISO 8601)
 * @param siteName      the publication's name
 * @param language      the language the page declares (html lang, Content-Language, og:locale), as a lowercase
 *                      ISO 639-1 code such as {@code fr}
 */
public record PageMetadata(String title, String byline, String publishedTime, String siteName, String language) {
}
