package io.precis.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers that a text written in the article's own language copied with the words around them, and changed: "un
 * bilan de 13 morts" where the article, in the same words, says "un bilan de 12 morts". Checking that a number is
 * somewhere in the article cannot catch it when the article has a 13 elsewhere; the words around it can.
 *
 * <p>A number's contexts are the {@value #SIDE} words before it and the {@value #SIDE} words after it (punctuation
 * and case aside; a side that holds another number or leaves the text is not one). A number is changed when each of
 * its contexts appears in the article, and only around other numbers. A text that rewrites the sentence, or joins
 * two of the article's (the words after a date copied from another date's sentence), shares not both contexts with
 * the article and is left to the check that the number is in the article at all.
 */
final class CopiedNumbers {

    /** Words on each side: fewer repeat too often in an article to say which number they go with. */
    private static final int SIDE = 4;
    /** A number as the number check reads one, or a word. */
    private static final Pattern TOKEN = Pattern.compile(Numbers.NUMBER.pattern() + "|\\p{L}{1,40}");
    private static final Pattern SPACES = Pattern.compile("[ \u00A0\u202F]");

    /**
     * A number changed in copied words.
     *
     * @param written    the number as the text writes it
     * @param start      where it starts in the text
     * @param inArticle  a number the article has in those words instead
     */
    record Changed(String written, int start, String inArticle) {
    }

    private record Token(String text, int start, int end, boolean number) {
    }

    private CopiedNumbers() {
    }

    /** The numbers of {@code text} changed from the article's in words copied from it. */
    static List<Changed> of(String article, String text) {
        List<Token> source = tokens(article);
        Map<String, Set<String>> contexts = new HashMap<>();
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).number()) {
                for (String context : contexts(source, i)) {
                    contexts.computeIfAbsent(context, c -> new LinkedHashSet<>()).add(source.get(i).text());
                }
            }
        }
        List<Changed> changed = new ArrayList<>();
        List<Token> written = tokens(text);
        for (int i = 0; i < written.size(); i++) {
            Token number = written.get(i);
            if (!number.number()) {
                continue;
            }
            List<String> around = contexts(written, i);
            String other = null;
            boolean copied = !around.isEmpty();
            for (String context : around) {
                Set<String> there = contexts.get(context);
                if (there == null || there.contains(number.text())) {
                    copied = false;
                    break;
                }
                other = there.iterator().next();
            }
            if (copied) {
                changed.add(new Changed(text.substring(number.start(), number.end()), number.start(), other));
            }
        }
        return changed;
    }

    /** The contexts of the number at {@code at}: its words before, its words after, each when it has enough. */
    private static List<String> contexts(List<Token> tokens, int at) {
        List<String> contexts = new ArrayList<>(2);
        String before = words(tokens, at - SIDE, at);
        if (before != null) {
            contexts.add(before + " #");
        }
        String after = words(tokens, at + 1, at + 1 + SIDE);
        if (after != null) {
            contexts.add("# " + after);
        }
        return contexts;
    }

    /** The words from {@code from} to {@code to}, or null when the range leaves the text or holds a number. */
    private static String words(List<Token> tokens, int from, int to) {
        if (from < 0 || to > tokens.size()) {
            return null;
        }
        StringBuilder words = new StringBuilder();
        for (int i = from; i < to; i++) {
            Token token = tokens.get(i);
            if (token.number()) {
                return null;
            }
            words.append(i == from ? "" : " ").append(token.text());
        }
        return words.toString();
    }

    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(text);
        while (matcher.find()) {
            String token = matcher.group();
            boolean number = Character.isDigit(token.charAt(0));
            tokens.add(new Token(number ? SPACES.matcher(token).replaceAll("") : token.toLowerCase(Locale.ROOT),
                    matcher.start(), matcher.end(), number));
        }
        return tokens;
    }
}
