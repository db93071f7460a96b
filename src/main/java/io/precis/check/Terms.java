package io.precis.check;

import java.util.regex.Pattern;

/** Whether a text holds a term as a whole word or phrase, whatever its case and accents. */
final class Terms {

    private Terms() {
    }

    /** Whether a text already folded ({@link Names#fold}) has the term, case and accents aside. */
    static boolean containsFolded(String foldedText, String term) {
        return pattern(Names.fold(term)).matcher(foldedText).find();
    }

    /** Whether the text has the term exactly as written, not as part of a longer word. */
    static boolean containsExactly(String text, String term) {
        return pattern(term).matcher(text).find();
    }

    /** Whether two terms are the same, case and accents aside. */
    static boolean same(String a, String b) {
        return Names.fold(a).equals(Names.fold(b));
    }

    private static Pattern pattern(String term) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(term) + "(?![\\p{L}\\p{N}])");
    }
}
