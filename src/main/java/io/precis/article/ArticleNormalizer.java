package io.precis.article;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
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

    /** Zero-width and formatting characters, bidi controls, soft hyphens, Unicode tags, and control characters. */
    private static final Pattern INVISIBLE = Pattern.compile(
            "[\\u00AD\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\uFEFF\\p{Cc}&&[^\\n\\t]]"
                    + "|[\\x{E0000}-\\x{E007F}]");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\r\\n?|[\\u2028\\u2029\\u0085]");
    private static final Pattern SPACES = Pattern.compile("[\\t\\p{Zs}]+");
    /**
     * Sentence punctuation glued to the next sentence: a lowercase letter, digit or closing quote, then the
     * punctuation, then an uppercase letter. A single capital before the dot is left alone, so "U.S.A." survives.
     */
    private static final Pattern GLUED_SENTENCE = Pattern.compile(
            "(?<=[\\p{Ll}\\p{Nd}\"»”’)\\]])([.!?…]+)(?=[\\p{Lu}«“])"
                    // An acronym ending a sentence, as in "l'ONU.Fin": two capitals, then a capitalized word.
                    + "|(?<=\\p{Lu}{2})([.!?…]+)(?=\\p{Lu}\\p{Ll})");
    private static final Pattern TERMINAL = Pattern.compile(".*[.!?…:»\"”)]$");
    private static final int BODY_PARAGRAPH_WORDS = 12;
    private static final int LIST_ITEM_MAX_WORDS = 25;

    private final PageFurniture furniture = PageFurniture.load();

    /**
     * Normalizes a text into an article. The result may have empty text when nothing but furniture and whitespace
     * was submitted.
     */
    public Article normalize(String raw) {
        String text = LINE_BREAKS.matcher(decode(raw)).replaceAll("\n");
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String collapsed = SPACES.matcher(line).replaceAll(" ").strip();
            if (!collapsed.isEmpty()) {
                lines.add(GLUED_SENTENCE.matcher(collapsed).replaceAll("$1$2 "));
            }
        }
        List<String> paragraphs = joinWrappedLines(removeFurniture(lines));
        String body = String.join("\n\n", paragraphs);
        return new Article(body, sha256(String.join(" ", paragraphs)));
    }

    /** Normalizes a one-line text such as a title: decoded, composed, visible characters only, one line. */
    public String normalizeLine(String raw) {
        return SPACES.matcher(LINE_BREAKS.matcher(decode(raw)).replaceAll(" ").replace('\n', ' ')).replaceAll(" ")
                .strip();
    }

    /** HTML entities decoded, Unicode composed, invisible characters removed. */
    private static String decode(String raw) {
        String text = raw.indexOf('&') >= 0 ? Parser.unescapeEntities(raw, false) : raw;
        text = Normalizer.normalize(text, Normalizer.Form.NFC);
        return INVISIBLE.matcher(text).replaceAll("");
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
        return furniture.isEdgeFurniture(line) || wordCount(line) <= 2 && !TERMINAL.matcher(line).matches();
    }

    private static boolean isBodyParagraph(String line) {
        return wordCount(line) >= BODY_PARAGRAPH_WORDS && TERMINAL.matcher(line).matches();
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
                    && !TERMINAL.matcher(paragraphs.get(previous)).matches()) {
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

    /** The SHA-256 of a text's UTF-8 bytes, as 64 lowercase hex digits. */
    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
