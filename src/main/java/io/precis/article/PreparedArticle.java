package io.precis.article;

/**
 * An article ready for the models: normalized, within limits, in a supported language.
 *
 * @param article  the normalized article and its hash
 * @param title    the normalized title, or null
 * @param language the detected source language
 * @param page     what the page said about the article, when it was sent as a page; null for text
 */
public record PreparedArticle(Article article, String title, Language language, PageMetadata page) {

    /** The same article, found in a page that said this about it. */
    PreparedArticle fromPage(PageMetadata metadata) {
        return new PreparedArticle(article, title, language, metadata);
    }

    public String hash() {
        return article.hash();
    }
}
