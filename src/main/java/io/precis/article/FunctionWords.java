package io.precis.article;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A first, cheap reading of whether a text is French or English, from its function words: words French writes
 * often ({@code les}, {@code dans}, {@code été}) or English does ({@code the}, {@code which}, {@code were}), against
 * words the detector's other Latin-script languages write often and these two seldom ({@code der}, {@code della},
 * {@code els}, {@code não}). A few of the French or English words are also another language's ({@code et} is
 * Danish, {@code to} Polish): one language's text is not named by a handful of them, but by a share of its words and
 * a wide margin over every other list. It answers only when a text of some length is plainly French or English, and
 * leaves anything else (a short text, a mix, another language, another script) to Lingua, which costs over a hundred
 * times as much.
 *
 * <p>A word French and English share with each other or with most of the others ({@code de}, {@code la},
 * {@code in}, {@code on}, {@code il}, {@code is}, {@code y}) counts for none of them.
 */
final class FunctionWords {

    /** Fewer words than this are left to Lingua: a sentence or two can hold too few function words to be sure. */
    static final int MIN_WORDS = 30;
    /** The share of a text's words that must be the language's own function words. */
    private static final double MIN_SHARE = 0.12;
    /** How many times the other languages' function words they must outnumber. */
    private static final int MIN_MARGIN = 10;

    private static final Set<String> FRENCH = Set.of("les", "des", "est", "et", "du", "une", "dans", "pour", "qui",
            "pas", "aux", "sur", "avec", "elle", "ils", "elles", "ont", "été", "cette", "ces", "mais", "nous", "vous",
            "leur", "leurs", "sont", "être", "était", "après", "selon", "depuis", "comme", "où", "lors", "ses", "cet",
            "aussi", "très", "déjà", "ainsi", "dont", "peut", "avait", "sans", "sous", "chez");
    private static final Set<String> ENGLISH = Set.of("the", "and", "of", "to", "was", "that", "for", "with", "are",
            "by", "this", "have", "from", "it", "be", "were", "has", "which", "their", "they", "he", "she", "his",
            "its", "been", "would", "not", "but", "who", "after", "said", "had", "there", "more", "about",
            "than", "into", "while", "could", "should", "these", "those", "what", "when", "where", "our", "we");
    /**
     * Function words of the detector's other Latin-script languages that French and English do not write (or
     * rarely: not {@code do}, {@code no}, {@code care}, {@code ma}, {@code va}, {@code y}, {@code te}, {@code ha}).
     */
    private static final Set<String> OTHERS = Set.of(
            // German
            "der", "die", "und", "ist", "nicht", "das", "mit", "sich", "auf", "für", "ein", "eine", "von", "zu",
            "den", "dem", "im", "wird", "auch", "nach", "bei", "wurde",
            // Spanish
            "el", "los", "las", "del", "por", "con", "para", "una", "es", "su", "al", "lo", "como", "más",
            "pero", "sus", "fue", "muy",
            // Italian
            "di", "che", "della", "gli", "è", "sono", "dei", "delle", "nel", "nella", "per", "anche", "alla",
            // Portuguese
            "não", "uma", "os", "em", "com", "da", "ao", "foi", "seu", "sua",
            // Dutch
            "het", "een", "van", "niet", "zijn", "op", "met", "voor", "dat", "ook", "werd", "wordt", "naar",
            // Catalan
            "els", "amb", "és", "més", "pel", "als", "seva",
            // Romanian
            "și", "în", "este", "cu", "pe", "din", "pentru", "să", "nu", "fost", "sau",
            // Polish
            "się", "nie", "jest", "na", "że", "oraz", "przez", "było",
            // Swedish and Danish
            "och", "att", "är", "som", "för", "med", "av", "inte", "og", "af", "ikke", "til", "er", "det",
            // Turkish
            "ve", "bir", "bu", "için", "ile", "olarak", "daha");

    /** The longest word listed: a longer one needs no look-up. */
    private static final int LONGEST = Stream.of(FRENCH, ENGLISH, OTHERS).flatMap(Set::stream)
            .mapToInt(String::length).max().orElse(0);

    private FunctionWords() {
    }

    /** French or English when the text is plainly written in it; empty when Lingua must tell. */
    static Optional<Language> plainly(String text) {
        int words = 0;
        int french = 0;
        int english = 0;
        int others = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            words++;
            if (i - start > LONGEST) {
                continue;
            }
            String word = text.substring(start, i).toLowerCase(Locale.ROOT);
            if (FRENCH.contains(word)) {
                french++;
            } else if (ENGLISH.contains(word)) {
                english++;
            } else if (OTHERS.contains(word)) {
                others++;
            }
        }
        if (words < MIN_WORDS) {
            return Optional.empty();
        }
        if (french >= MIN_SHARE * words && (english + others) * MIN_MARGIN <= french) {
            return Optional.of(Language.FR);
        }
        if (english >= MIN_SHARE * words && (french + others) * MIN_MARGIN <= english) {
            return Optional.of(Language.EN);
        }
        return Optional.empty();
    }
}
