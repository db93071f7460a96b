package io.precis.article;

/**
 * An article ready for the models: normalized, within limits, in a supported language.
 *
 * @param article  the normalized article and its hash
 * @param title    the normalized title, or null
 * @param language the detected source language
 */
public record PreparedArticle(Article article, String title, Language language) {

    public String hash() {
        return article.hash();
    }
}
