package io.precis.article;

import io.precis.core.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits an article too long for one model call into chunks: on paragraph boundaries, then sentence boundaries,
 * then (for a sentence longer than a whole chunk) between words.
 *
 * <p>Where a chunk ends depends on the text around the boundary, not on what came before it: once a chunk has half its
 * target size, it ends after a paragraph whose hash marks a boundary (one in three, at random but the same every
 * time), or when the next piece would not fit. So an article that gains a paragraph keeps the other chunks, and their
 * cached results, unchanged. Where chunks end decides what is stored for a long article: a change here bumps the chat
 * providers' code version (ChatLlmProvider.CODE_VERSION), which is in every task's key.
 */
public final class Chunker {

    /** One boundary candidate in this many ends a chunk (once the chunk has half its target size). */
    private static final int BOUNDARY_ODDS = 3;

    private Chunker() {
    }

    /**
     * A piece of an article.
     *
     * @param article       its text, as an article of its own (with its own hash)
     * @param endsParagraph whether its text ends a paragraph; if not, the next chunk continues that paragraph
     */
    public record Chunk(Article article, boolean endsParagraph) {
    }

    /**
     * Splits an article.
     *
     * @param target    the size chunks aim for, in tokens
     * @param max       the size no chunk exceeds, in tokens
     * @param tokens    counts the tokens of a text
     */
    public static List<Chunk> split(Article article, int target, int max, ToIntFunction<String> tokens) {
        List<Piece> pieces = new ArrayList<>();
        for (String paragraph : article.paragraphs()) {
            pieces.addAll(pieces(paragraph, max, tokens));
        }
        List<Chunk> chunks = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            if (!current.isEmpty() && size + piece.tokens() > max) {
                chunks.add(chunk(current));
                current = new ArrayList<>();
                size = 0;
            }
            current.add(piece);
            size += piece.tokens();
            boolean last = i == pieces.size() - 1;
            if (!last && size >= target / 2 && piece.endsParagraph() && isBoundary(piece.text())) {
                chunks.add(chunk(current));
                current = new ArrayList<>();
                size = 0;
            }
        }
        if (!current.isEmpty()) {
            chunks.add(chunk(current));
        }
        return chunks;
    }

    /** Joins the results of consecutive chunks, keeping the article's paragraphs. */
    public static String join(List<Chunk> chunks, List<String> texts) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < chunks.size(); i++) {
            joined.append(texts.get(i).strip());
            if (i < chunks.size() - 1) {
                joined.append(chunks.get(i).endsParagraph() ? "\n\n" : " ");
            }
        }
        return joined.toString();
    }

    /** A paragraph as pieces no larger than {@code max}: itself, or groups of its sentences (or words). */
    private static List<Piece> pieces(String paragraph, int max, ToIntFunction<String> tokens) {
        int size = tokens.applyAsInt(paragraph);
        if (size <= max) {
            return List.of(new Piece(paragraph, size, true));
        }
        List<String> parts = new ArrayList<>();
        for (String sentence : Sentences.split(paragraph)) {
            if (tokens.applyAsInt(sentence) <= max) {
                parts.add(sentence);
            } else {
                parts.addAll(words(sentence, max, tokens));
            }
        }
        List<Piece> pieces = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        for (String part : parts) {
            String candidate = group.isEmpty() ? part : group + " " + part;
            if (!group.isEmpty() && tokens.applyAsInt(candidate) > max) {
                pieces.add(new Piece(group.toString(), tokens.applyAsInt(group.toString()), false));
                group.setLength(0);
                group.append(part);
            } else {
                group.setLength(0);
                group.append(candidate);
            }
        }
        pieces.add(new Piece(group.toString(), tokens.applyAsInt(group.toString()), true));
        return pieces;
    }

    /** A sentence longer than a chunk, cut between words. */
    private static List<String> words(String sentence, int max, ToIntFunction<String> tokens) {
        List<String> groups = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        for (String word : sentence.split(" ")) {
            String candidate = group.isEmpty() ? word : group + " " + word;
            if (!group.isEmpty() && tokens.applyAsInt(candidate) > max) {
                groups.add(group.toString());
                group.setLength(0);
                group.append(word);
            } else {
                group.setLength(0);
                group.append(candidate);
            }
        }
        if (!group.isEmpty()) {
            groups.add(group.toString());
        }
        return groups;
    }

    private static Chunk chunk(List<Piece> pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces.size(); i++) {
            text.append(pieces.get(i).text());
            if (i < pieces.size() - 1) {
                text.append(pieces.get(i).endsParagraph() ? "\n\n" : " ");
            }
        }
        return new Chunk(Article.of(text.toString()), pieces.get(pieces.size() - 1).endsParagraph());
    }

    private static boolean isBoundary(String paragraph) {
        return Math.floorMod(Sha256.hex(paragraph).hashCode(), BOUNDARY_ODDS) == 0;
    }

    /**
     * A paragraph, or part of one.
     *
     * @param text          its text
     * @param tokens        its size in tokens
     * @param endsParagraph whether it is the end of its paragraph
     */
    private record Piece(String text, int tokens, boolean endsParagraph) {
    }
}
