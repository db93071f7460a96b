package io.precis.article;

/**
 * An article after normalization: the text the models read, and the hash that identifies it.
 *
 * @param text the normalized text, paragraphs separated by a blank line
 * @param hash the SHA-256 (64 lowercase hex digits) of the text with every whitespace run collapsed to one space, so
 *             that the same article laid out with other whitespace has the same hash
 */
public record Article(String text, String hash) {

    /** An article from text that is already normalized, such as a chunk of a longer one. */
    public static Article of(String normalizedText) {
        return new Article(normalizedText, ArticleNormalizer.sha256(normalizedText.replaceAll("\\s+", " ").strip()));
    }

    /** The paragraphs of the text, in order. */
    public java.util.List<String> paragraphs() {
        return java.util.List.of(text.split("\n\n"));
    }
}
