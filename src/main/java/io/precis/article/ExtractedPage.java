package io.precis.article;

/**
 * The article found in a page.
 *
 * @param text     the article's text, paragraphs separated by a blank line, not yet normalized
 * @param metadata what the page says about the article
 */
public record ExtractedPage(String text, PageMetadata metadata) {
}
