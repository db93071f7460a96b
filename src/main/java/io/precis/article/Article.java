package io.precis.article;

import io.precis.core.Sha256;
import java.util.List;

/**
 * An article after normalization: the text the models read, and the hash that identifies it.
 *
 * @param text the normalized text, paragraphs separated by a blank line; null for an article known only by its hash
 * @param hash the SHA-256 (64 lowercase hex digits) of the text with every whitespace run collapsed to one space, so
 *             that the same article laid out with other whitespace has the same hash
 */
public record Article(String text, String hash) {

    /** An article from text that is already normalized, such as a chunk of a longer one. */
    public static Article of(String normalizedText) {
        return new Article(normalizedText, collapsedHash(normalizedText));
    }

    /**
     * The hash of {@code text.replaceAll("\\s+", " ").strip()}, read from the text without making that copy. Every
     * character {@code \s} matches is one {@code strip} removes, so stripping first gives the same text.
     */
    static String collapsedHash(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && Character.isWhitespace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && Character.isWhitespace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        Sha256.Hasher hash = Sha256.hasher();
        int run = start;
        for (int i = start; i < end; i++) {
            if (isRegexSpace(text.charAt(i))) {
                hash.add(text, run, i).add(" ");
                while (i + 1 < end && isRegexSpace(text.charAt(i + 1))) {
                    i++;
                }
                run = i + 1;
            }
        }
        return hash.add(text, run, end).hex();
    }

    /** What {@code \s} matches: ASCII whitespace only. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /**
     * An article known only by its hash, as a client names one it sent before: enough to find what is stored for it,
     * nothing to write from.
     */
    public static Article knownBy(String hash) {
        return new Article(null, hash);
    }

    /** Whether its text is here, so that something can be written from it. */
    public boolean hasText() {
        return text != null;
    }

    /** The paragraphs of the text, in order. */
    public List<String> paragraphs() {
        return List.of(text.split("\n\n"));
    }
}
