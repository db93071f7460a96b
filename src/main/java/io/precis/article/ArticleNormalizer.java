package io.precis.article;

import io.precis.core.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.parser.Parser;

/**
 * Turns submitted text into the canonical article that is hashed, cached and sent to the models.
 *
 * <p>Two submissions of the same article must meet in the cache, whatever their whitespace, Unicode form or the
 * page furniture a scraper caught around them. So the text is decoded (HTML entities), composed (NFC), cleared of
 * invisible characters, collapsed (whitespace), repaired (a space restored after sentence punctuation, as in
 * {@code domestique.Consternant}) and trimmed of page furniture. The hash is taken over the result with every
 * whitespace run made one space, so that paragraph layout does not change it either.
 */
@ApplicationScoped
public class ArticleNormalizer {

    /** What a paragraph of running text ends with. */
    private static final String TERMINAL = ".!?…:»\"”)";
    /** Sentence punctuation, which may be glued to the next sentence. */
    private static final String SENTENCE_END = ".!?…";
    private static final int BODY_PARAGRAPH_WORDS = 12;
    private static final int LIST_ITEM_MAX_WORDS = 25;

    private final PageFurniture furniture = PageFurniture.load();

    /**
     * Normalizes a text into an article. The result may have empty text when nothing but furniture and whitespace
     * was submitted.
     */
    public Article normalize(String raw) {
        String text = withLineFeeds(decode(raw));
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String collapsed = collapseSpaces(line).strip();
            if (!collapsed.isEmpty()) {
                lines.add(unglue(collapsed));
            }
        }
        List<String> paragraphs = joinWrappedLines(removeFurniture(lines));
        String body = String.join("\n\n", paragraphs);
        // The hash reads the paragraphs joined by a space (Article#hash) without that second copy being made.
        Sha256.Hasher hash = Sha256.hasher();
        for (int i = 0; i < paragraphs.size(); i++) {
            (i == 0 ? hash : hash.add(" ")).add(paragraphs.get(i));
        }
        return new Article(body, hash.hex());
    }

    /** Normalizes a one-line text such as a title: decoded, composed, visible characters only, one line. */
    public String normalizeLine(String raw) {
        return collapseSpaces(withLineFeeds(decode(raw)).replace('\n', ' ')).strip();
    }

    /** HTML entities decoded, Unicode composed, invisible characters removed. */
    private static String decode(String raw) {
        String text = raw.indexOf('&') >= 0 ? Parser.unescapeEntities(raw, false) : raw;
        text = Normalizer.normalize(text, Normalizer.Form.NFC);
        return withoutInvisible(text);
    }

    /**
     * The text without zero-width and formatting characters, bidi controls, soft hyphens, Unicode tags and control
     * characters (but for line feeds and tabs). A loop rather than a regular expression: this runs over every
     * article, and the expression, with its supplementary range, took a tenth of a millisecond for 2 000 characters.
     */
    private static String withoutInvisible(String text) {
        StringBuilder kept = null;
        int from = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (isInvisible(c)) {
                kept = kept == null ? new StringBuilder(text.length()) : kept;
                kept.append(text, from, i);
                from = next;
            }
            i = next;
        }
        return kept == null ? text : kept.append(text, from, text.length()).toString();
    }

    /**
     * Unicode's line and paragraph separators made line feeds. Carriage returns and next-line characters, controls,
     * are gone already.
     */
    private static String withLineFeeds(String text) {
        return text.replace('\u2028', '\n').replace('\u2029', '\n');
    }

    /** Every run of spaces and tabs made one plain space. */
    static String collapseSpaces(String line) {
        StringBuilder out = null;
        int from = 0;
        for (int i = 0; i < line.length(); i++) {
            if (!isSpace(line.charAt(i))) {
                continue;
            }
            int end = i + 1;
            while (end < line.length() && isSpace(line.charAt(end))) {
                end++;
            }
            if (end - i > 1 || line.charAt(i) != ' ') {
                out = out == null ? new StringBuilder(line.length()) : out;
                out.append(line, from, i).append(' ');
                from = end;
            }
            i = end;
        }
        return out == null ? line : out.append(line, from, line.length()).toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c > 0x7F && Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private static boolean isInvisible(int c) {
        if (c < 0x20) {
            return c != '\n' && c != '\t';
        }
        if (c < 0x7F) {
            return false;
        }
        return c <= 0x9F || c == 0xAD || c == 0x180E || c >= 0x200B && c <= 0x200F || c >= 0x202A && c <= 0x202E
                || c >= 0x2060 && c <= 0x206F || c == 0xFEFF || c >= 0xE0000 && c <= 0xE007F;
    }

    /**
     * Restores the space lost between two sentences, as in {@code domestique.Consternant}: after a run of sentence
     * punctuation that follows a lowercase letter, a digit or a closing quote or bracket and comes before a capital
     * or an opening quote; or that follows two capitals and comes before a capitalized word, an acronym ending a
     * sentence, as in {@code l'ONU.Fin}. A single capital before the dot is left alone, so "U.S.A." survives.
     */
    static String unglue(String line) {
        StringBuilder out = null;
        int from = 0;
        for (int i = 1; i < line.length(); i++) {
            if (SENTENCE_END.indexOf(line.charAt(i)) < 0 || SENTENCE_END.indexOf(line.charAt(i - 1)) >= 0) {
                continue;
            }
            int end = i;
            while (end < line.length() && SENTENCE_END.indexOf(line.charAt(end)) >= 0) {
                end++;
            }
            if (end < line.length() && glued(line, i, end)) {
                out = out == null ? new StringBuilder(line.length() + 16) : out;
                out.append(line, from, end).append(' ');
                from = end;
            }
            i = end;
        }
        return out == null ? line : out.append(line, from, line.length()).toString();
    }

    /**
     * Whether the punctuation run {@code [start, end)}, with text on both sides, ends a sentence glued to the next.
     * What precedes the run is read char by char and what follows it code point by code point, as the regular
     * expression this replaced did, so that article hashes stay what they were.
     */
    private static boolean glued(String line, int start, int end) {
        int before = Character.getType(line.charAt(start - 1));
        int after = line.codePointAt(end);
        if ((before == Character.LOWERCASE_LETTER || before == Character.DECIMAL_DIGIT_NUMBER
                || "\"»”’)]".indexOf(line.charAt(start - 1)) >= 0)
                && (Character.getType(after) == Character.UPPERCASE_LETTER || after == '«' || after == '“')) {
            return true;
        }
        int next = end + Character.charCount(after);
        return before == Character.UPPERCASE_LETTER && start >= 2
                && Character.getType(line.charAt(start - 2)) == Character.UPPERCASE_LETTER
                && Character.getType(after) == Character.UPPERCASE_LETTER
                && next < line.length() && Character.getType(line.codePointAt(next)) == Character.LOWERCASE_LETTER;
    }

    private List<String> removeFurniture(List<String> lines) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (isBodyParagraph(lines.get(i))) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        List<String> kept = new ArrayList<>(lines.size());
        boolean inList = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean edge = first < 0 || i < first || i > last;
            if (furniture.isListHeading(line)) {
                inList = true;
                continue;
            }
            if (inList && !isBodyParagraph(line) && wordCount(line) <= LIST_ITEM_MAX_WORDS) {
                continue;
            }
            inList = false;
            if (edge ? isEdgeJunk(line) : furniture.isFurniture(line)) {
                continue;
            }
            kept.add(line);
        }
        return kept;
    }

    /** Outside the body, furniture and stray labels ("Monde", "Article", "le") go; a title line stays. */
    private boolean isEdgeJunk(String line) {
        return furniture.isEdgeFurniture(line) || wordCount(line) <= 2 && !endsSentence(line);
    }

    private static boolean isBodyParagraph(String line) {
        return endsSentence(line) && wordCount(line) >= BODY_PARAGRAPH_WORDS;
    }

    private static boolean endsSentence(String line) {
        return !line.isEmpty() && TERMINAL.indexOf(line.charAt(line.length() - 1)) >= 0;
    }

    /**
     * Joins lines that a hard wrap split inside a sentence: a line that does not end a sentence followed by one that
     * starts in lowercase.
     */
    private static List<String> joinWrappedLines(List<String> lines) {
        List<String> paragraphs = new ArrayList<>(lines.size());
        for (String line : lines) {
            int previous = paragraphs.size() - 1;
            if (previous >= 0 && Character.isLowerCase(line.codePointAt(0))
                    && !endsSentence(paragraphs.get(previous))) {
                paragraphs.set(previous, paragraphs.get(previous) + " " + line);
            } else {
                paragraphs.add(line);
            }
        }
        return paragraphs;
    }

    static int wordCount(String line) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            boolean space = line.charAt(i) == ' ';
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
