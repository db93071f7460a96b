package io.precis.article;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markers that hold an HTML fragment's inline elements in the text a model translates ({@link Fragment}):
 * {@code ⟦n⟧…⟦/n⟧} around the words of element n, {@code ⟦n/⟧} for an empty one.
 */
public final class Markers {

    static final Pattern MARKER = Pattern.compile("⟦(/?)(\\d{1,6})(/?)⟧");
    private static final Pattern ANY_MARKER = Pattern.compile("⟦/?\\d{1,6}/?⟧");
    private static final Pattern EMPTY_MARKER = Pattern.compile("⟦\\d{1,6}/⟧");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");

    private Markers() {
    }

    /** The paragraphs of a marked text. */
    public static List<String> paragraphs(String text) {
        return PARAGRAPH_BREAK.splitAsStream(text.strip()).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * The text without its markers, for the checks that read words: an empty element's marker (a line break, an
     * image) becomes a space, so that the words on either side stay apart.
     */
    public static String strip(String text) {
        return ANY_MARKER.matcher(EMPTY_MARKER.matcher(text).replaceAll(" ")).replaceAll("");
    }

    /**
     * Why a translation of a marked text cannot be put back into its fragment, or null when it can: as many
     * paragraphs, and in each the same elements, each inside the same one, each opened and closed once. Words may
     * move around the markers, and sibling elements may change places, as a translation reorders words.
     */
    public static String problem(String source, String translation) {
        List<String> original = paragraphs(source);
        List<String> translated = paragraphs(translation);
        if (original.size() != translated.size()) {
            return "it had " + translated.size() + " paragraphs where the HTML fragment has " + original.size()
                    + ", one per block and per alt or title attribute";
        }
        for (int i = 0; i < original.size(); i++) {
            Set<String> expected = structure(original.get(i));
            Set<String> found = structure(translated.get(i));
            if (found == null) {
                return "the markers of paragraph " + (i + 1) + " do not open and close in order";
            }
            if (!found.equals(expected)) {
                return "paragraph " + (i + 1) + " does not keep the markers ⟦n⟧…⟦/n⟧ of the article's paragraph "
                        + (i + 1) + " exactly, each around the words it encloses";
            }
        }
        return null;
    }

    /**
     * Each marker of a paragraph with the marker it is inside ({@code 3<1}, {@code 5/<0} for an empty one at the top),
     * or null when they do not nest or one appears twice.
     */
    private static Set<String> structure(String paragraph) {
        Set<String> elements = new HashSet<>();
        Deque<String> open = new ArrayDeque<>();
        Matcher marker = MARKER.matcher(paragraph);
        Set<String> seen = new HashSet<>();
        while (marker.find()) {
            String number = marker.group(2);
            boolean closing = !marker.group(1).isEmpty();
            boolean empty = !marker.group(3).isEmpty();
            String parent = open.isEmpty() ? "0" : open.peek();
            if (closing) {
                if (empty || open.isEmpty() || !open.pop().equals(number)) {
                    return null;
                }
                continue;
            }
            if (!seen.add(number)) {
                return null;
            }
            elements.add(number + (empty ? "/" : "") + "<" + parent);
            if (!empty) {
                open.push(number);
            }
        }
        return open.isEmpty() ? elements : null;
    }
}
