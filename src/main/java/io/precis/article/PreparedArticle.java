package io.precis.article;

/**
 * An article ready for the models: normalized, within limits, in a supported language.
 *
 * @param article  the normalized article and its hash
 * @param title    the normalized title, or null
 * @param language the detected source language
 * @param page     what the page said about the article, when it was sent as a page; null for text
 * @param fragment the HTML fragment whose marked text the article is, when it was sent as one; otherwise null
 */
public record PreparedArticle(Article article, String title, Language language, PageMetadata page,
        Fragment fragment) {

    /** An article sent as text or as a page. */
    public PreparedArticle(Article article, String title, Language language, PageMetadata page) {
        this(article, title, language, page, null);
    }

    /** The same article, found in a page that said this about it. */
    PreparedArticle fromPage(PageMetadata metadata) {
        return new PreparedArticle(article, title, language, metadata, fragment);
    }

    /** The same article, the marked text of this fragment. */
    PreparedArticle fromFragment(Fragment from) {
        return new PreparedArticle(article, title, language, page, from);
    }

    public String hash() {
        return article.hash();
    }
}
