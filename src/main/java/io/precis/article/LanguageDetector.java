package io.precis.article;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Detects the language of article text and of model output.
 *
 * <p>Text in Latin script is scored by its function words (the list is {@code function-words.txt}): articles,
 * prepositions, pronouns and auxiliaries make up a third or more of any running text, and the words that only one of
 * two close languages uses (Spanish {@code y}, Portuguese {@code não}, Catalan {@code amb}) settle between them.
 * Other scripts name their language directly: Cyrillic (Russian, or Ukrainian by its own letters), Arabic, Greek,
 * Hebrew, Japanese kana, Chinese characters without kana. The detector knows more languages than the service
 * supports, so that a German or Portuguese article is named as such and refused instead of being taken for French.
 *
 * <p>It is meant for paragraphs (articles, summaries, translations), where it takes microseconds and holds a few
 * kilobytes; on a handful of words it may answer {@link DetectedLanguage#UNDETERMINED}. It reads at most the first
 * {@value #SAMPLE_CHARS} characters.
 */
@ApplicationScoped
public class LanguageDetector {

    static final int SAMPLE_CHARS = 2_000;
    /** The end of Latin Extended-B: every letter below it is of the Latin script, but for µ (Greek). */
    private static final int LATIN_EXTENDED_END = 0x250;
    private static final char MICRO_SIGN = 'µ';
    /** The best language must score this many function words at least, and this share of all words. */
    private static final double MIN_SCORE = 1.0;
    private static final double MIN_SHARE = 0.05;
    /** What a telling letter weighs against a function word. */
    private static final double LETTER_WEIGHT = 0.5;
    /** A non-Latin script is the language's when it holds this share of the letters. */
    private static final double SCRIPT_SHARE = 0.5;

    private final List<String> codes = new ArrayList<>();
    /** For each function word, the languages that use it, as bits over {@link #codes}. */
    private final Map<String, Long> words = new HashMap<>();
    /**
     * For each telling letter, the languages that write it, as bits over {@link #codes}; indexed by the letter, all
     * of them in Latin-1 and Latin Extended-A and B.
     */
    private final long[] letters = new long[LATIN_EXTENDED_END];

    public LanguageDetector() {
        try (InputStream in = LanguageDetector.class.getResourceAsStream("function-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("function-words.txt is missing from the classpath");
            }
            List<String> letterLines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("=")) {
                    letterLines.add(line);
                    continue;
                }
                int colon = line.indexOf(':');
                long bit = 1L << codes.size();
                codes.add(line.substring(0, colon).strip());
                for (String word : line.substring(colon + 1).strip().split("\\s+")) {
                    words.merge(word, bit, (a, b) -> a | b);
                }
            }
            for (String line : letterLines) {
                long languages = 0;
                for (String code : line.substring(line.indexOf(':') + 1).strip().split("\\s+")) {
                    int index = codes.indexOf(code);
                    if (index < 0) {
                        throw new IllegalStateException("function-words.txt: unknown language " + code);
                    }
                    languages |= 1L << index;
                }
                char letter = line.charAt(1);
                if (letter >= LATIN_EXTENDED_END) {
                    throw new IllegalStateException("function-words.txt: " + letter + " is not a Latin letter");
                }
                letters[letter] = languages;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Detects the language of a text. */
    public DetectedLanguage detect(String text) {
        String sample = text.length() <= SAMPLE_CHARS ? text : text.substring(0, SAMPLE_CHARS);
        String code = byScript(sample);
        return new DetectedLanguage(code, Language.fromCode(code));
    }

    /**
     * Checks that a whole text is written in a language: its beginning, middle and end are each detected, so that a
     * long translation that slips back into the source language halfway is caught.
     *
     * @return the first part found in another language, or empty when every part is in the expected one
     */
    public Optional<DetectedLanguage> findOtherLanguage(String text, Language expected) {
        List<String> samples = text.length() <= SAMPLE_CHARS ? List.of(text)
                : List.of(text.substring(0, SAMPLE_CHARS),
                        text.substring((text.length() - SAMPLE_CHARS) / 2, (text.length() + SAMPLE_CHARS) / 2),
                        text.substring(text.length() - SAMPLE_CHARS));
        for (String sample : samples) {
            DetectedLanguage detected = detect(sample);
            if (detected.supported().filter(expected::equals).isEmpty()) {
                return Optional.of(detected);
            }
        }
        return Optional.empty();
    }

    /** The language a script names, or, for Latin script, the one its function words name. */
    private String byScript(String text) {
        int letters = 0;
        int latin = 0;
        int cyrillic = 0;
        int ukrainian = 0;
        int arabic = 0;
        int greek = 0;
        int hebrew = 0;
        int han = 0;
        int kana = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                continue;
            }
            letters++;
            if (c < LATIN_EXTENDED_END && c != MICRO_SIGN) {
                // Most letters of most articles: no need for the script table's binary search.
                latin++;
                continue;
            }
            switch (Character.UnicodeScript.of(c)) {
                case LATIN -> latin++;
                case CYRILLIC -> {
                    cyrillic++;
                    if ("іїєґІЇЄҐ".indexOf(c) >= 0) {
                        ukrainian++;
                    }
                }
                case ARABIC -> arabic++;
                case GREEK -> greek++;
                case HEBREW -> hebrew++;
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                default -> {
                }
            }
        }
        if (letters == 0) {
            return DetectedLanguage.UNDETERMINED;
        }
        if (latin >= letters * SCRIPT_SHARE) {
            return byFunctionWords(text);
        }
        if (cyrillic >= letters * SCRIPT_SHARE) {
            // Ukrainian writes і, ї, є and ґ, which Russian never does.
            return ukrainian * 100 >= cyrillic ? "uk" : "ru";
        }
        if (arabic >= letters * SCRIPT_SHARE) {
            return "ar";
        }
        if (greek >= letters * SCRIPT_SHARE) {
            return "el";
        }
        if (hebrew >= letters * SCRIPT_SHARE) {
            return "he";
        }
        if (han + kana >= letters * SCRIPT_SHARE) {
            // Japanese mixes kana into its characters; Chinese has none.
            return kana * 10 >= han + kana ? "ja" : "zh";
        }
        return DetectedLanguage.UNDETERMINED;
    }

    private String byFunctionWords(String text) {
        double[] scores = new double[codes.size()];
        int tokens = 0;
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            boolean letter = Character.isLetter(c);
            if (letter && c < LATIN_EXTENDED_END && letters[c] != 0) {
                add(scores, letters[c], LETTER_WEIGHT);
            }
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                tokens++;
                Long languages = words.get(lower.substring(start, i));
                if (languages != null) {
                    add(scores, languages, 1.0);
                }
                start = -1;
            }
        }
        return best(scores, tokens);
    }

    /** Shares {@code weight} among the languages in {@code languages}. */
    private static void add(double[] scores, long languages, double weight) {
        double share = weight / Long.bitCount(languages);
        for (int l = 0; l < scores.length; l++) {
            if ((languages & (1L << l)) != 0) {
                scores[l] += share;
            }
        }
    }

    private String best(double[] scores, int tokens) {
        int best = 0;
        for (int l = 1; l < scores.length; l++) {
            if (scores[l] > scores[best]) {
                best = l;
            }
        }
        if (scores[best] < MIN_SCORE || scores[best] < tokens * MIN_SHARE) {
            return DetectedLanguage.UNDETERMINED;
        }
        return codes.get(best);
    }
}
