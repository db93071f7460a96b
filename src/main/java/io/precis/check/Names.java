package io.precis.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of people, places and organisations in a text, and whether an article has them: spelled the same, or
 * transliterated another way ({@code Poutine} and {@code Putin}, {@code Ouchakov} and {@code Ushakov}), or, for a
 * country, people or organisation, under its name in the other language ({@code Allemagne} and {@code Germany}).
 *
 * <p>Without a model of its own, a name is a capitalized word that does not start a sentence, a heading or a
 * quotation. Words that English capitalizes and French does not (days, titles, institutions) need no source.
 */
final class Names {

    static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{M}'’]{0,60}");
    // Anchored at a word's start and possessive: the same matches on the 1 500 OrangeSum articles (it differs only
    // beside a run of more than 40 letters), 2.5 times faster than retrying from every letter of every word.
    static final Pattern COMPOUND = Pattern.compile("(?<!\\p{L})\\p{L}{1,40}+(?:-\\p{L}{1,40}+){1,3}");
    /** The most letters a part of a compound has, as {@link #COMPOUND} reads them. */
    private static final int COMPOUND_PART = 40;
    /** The most parts after the first, as {@link #COMPOUND} reads them. */
    private static final int COMPOUND_MORE_PARTS = 3;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHE = Pattern.compile("['’]");
    private static final Pattern ROMAN_NUMERAL = Pattern.compile("[IVXLCDM]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?…:»”\"]$");
    private static final Set<String> ELISIONS = Set.of("l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu",
            "lorsqu", "puisqu", "presqu", "quoiqu");
    /** Names looked up in one text, at most: past them, the text has more warnings than anyone reads. */
    private static final int MAX_MENTIONS = 2_000;
    /** Capitalized words taken on each side of a name for its excerpt. */
    private static final int RUN_WORDS = 4;
    /** What may stand between a sentence's end and its first word: spaces, opening quotes, brackets, dashes. */
    private static final String OPENING = "«“\"‘'([—–-";
    private static final Set<String> ABBREVIATIONS = Set.of("m", "mm", "mme", "mr", "mrs", "ms", "dr", "st", "pr",
            "me", "gen", "sen", "rep", "gov", "lt", "col", "capt", "prof");

    private final Set<String> common;
    private final Map<String, List<Set<String>>> equivalents;

    private Names(Set<String> common, Map<String, List<Set<String>>> equivalents) {
        this.common = common;
        this.equivalents = equivalents;
    }

    /** The lexicon packaged with the service. */
    static Names packaged() {
        Set<String> common = new HashSet<>();
        for (String line : lines("checks/common-words.txt")) {
            common.add(fold(line));
        }
        Map<String, List<Set<String>>> equivalents = new HashMap<>();
        for (String line : lines("checks/equivalents.txt")) {
            Set<String> group = new HashSet<>();
            for (String word : line.split("\\s+")) {
                group.add(fold(word));
            }
            group.forEach(word -> equivalents.computeIfAbsent(word, w -> new ArrayList<>()).add(group));
        }
        return new Names(Set.copyOf(common), Map.copyOf(equivalents));
    }

    /**
     * A name in a text.
     *
     * @param word    the word checked
     * @param start   where it starts in the text
     * @param excerpt the run of capitalized words it is part of, such as a first name and a last name
     */
    record Mention(String word, int start, String excerpt) {
    }

    /** What an article holds, to look names up in. */
    static final class Source {

        /** The article's words, folded. */
        private final Set<String> words;
        /** Its compound words, folded ("royaume-uni"). */
        private final Set<String> compounds = new HashSet<>();
        /**
         * The words' phonetic spellings, and by length, so that a name is compared only with words of about its
         * length; made when a name is not found as written, which most texts never ask (a miss's profile).
         */
        private Set<String> phonetic;
        private Map<Integer, List<String>> phoneticByLength;
        /** The words in order, for stems; made when first asked. */
        private java.util.NavigableSet<String> sorted;
        /** What {@link Names#known} said of each word already asked: a text repeats its names. */
        private final Map<String, Boolean> known = new HashMap<>();

        /**
         * The names of texts read apart, as if joined by blank lines: no word or compound spans two texts, so the
         * article need not be copied to be read with its title and glossary.
         */
        Source(String... texts) {
            // Sized so that the sets are not grown word by word (an eighth of the index's time): OrangeSum's articles
            // have a distinct word per 9 to 12 characters, which a table of a slot per 6 holds under its load factor.
            int length = 0;
            for (String text : texts) {
                length += text.length();
            }
            int capacity = (int) Math.min(1 << 20, 16 + length / 6L);
            words = new HashSet<>(capacity);
            // An article repeats its words: each is folded once.
            Set<String> seen = new HashSet<>(capacity);
            for (String text : texts) {
                for (String word : words(text)) {
                    if (!seen.add(word)) {
                        continue;
                    }
                    for (String piece : pieces(word)) {
                        words.add(fold(piece));
                    }
                }
                // Compound words as the equivalents list writes them ("royaume-uni").
                for (String compound : compounds(text)) {
                    compounds.add(fold(compound));
                }
            }
        }

        boolean has(String fold) {
            return words.contains(fold) || compounds.contains(fold);
        }

        /** Whether a word of the article starts with {@code fold} (an inflection of it), or is it when short. */
        boolean hasStem(String fold) {
            if (fold.length() < 4) {
                return has(fold);
            }
            if (sorted == null) {
                sorted = new java.util.TreeSet<>(words);
                sorted.addAll(compounds);
            }
            String next = sorted.ceiling(fold);
            return next != null && next.startsWith(fold);
        }

        /** Whether the article has the word spelled or transliterated otherwise. */
        boolean hasLike(String fold) {
            if (phonetic == null) {
                phonetic = new HashSet<>();
                phoneticByLength = new HashMap<>();
                for (String word : words) {
                    String sound = phonetic(word);
                    if (phonetic.add(sound)) {
                        phoneticByLength.computeIfAbsent(sound.length(), n -> new ArrayList<>()).add(sound);
                    }
                }
            }
            String sound = phonetic(fold);
            if (phonetic.contains(sound)) {
                return true;
            }
            if (sound.length() >= 6) {
                // A short name one letter off is another name (Marin, Marie); a long one is a transliteration.
                int allowed = sound.length() / 4;
                for (int length = sound.length() - allowed; length <= sound.length() + allowed; length++) {
                    for (String other : phoneticByLength.getOrDefault(length, List.of())) {
                        if (distance(sound, other, allowed) <= allowed) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    /** Whether the article has a name of the text. */
    boolean known(String word, Source source) {
        String fold = fold(word);
        Boolean answered = source.known.get(fold);
        if (answered == null) {
            answered = lookUp(fold, source);
            source.known.put(fold, answered);
        }
        return answered;
    }

    private boolean lookUp(String fold, Source source) {
        if (common.contains(fold) || source.has(fold)) {
            return true;
        }
        for (Set<String> group : equivalents.getOrDefault(fold, List.of())) {
            if (group.stream().anyMatch(source::hasStem)) {
                return true;
            }
        }
        return source.hasLike(fold);
    }

    /** The names of a text: capitalized words that start no sentence, heading or quotation. */
    List<Mention> of(String text) {
        List<Mention> names = new ArrayList<>();
        int offset = 0;
        for (String line : text.split("\n", -1)) {
            if (!isHeading(line)) {
                collect(line, offset, names);
            }
            offset += line.length() + 1;
        }
        return names;
    }

    private void collect(String line, int offset, List<Mention> names) {
        List<int[]> spans = new ArrayList<>();
        Matcher words = WORD.matcher(line);
        while (words.find()) {
            spans.add(new int[] {words.start(), words.end()});
        }
        // The first word of a line (after any number or sign: "§12 The", "3. The") starts a sentence.
        for (int i = 1; i < spans.size() && names.size() < MAX_MENTIONS; i++) {
            int wordStart = spans.get(i)[0];
            if (startsSentence(line, wordStart)) {
                continue;
            }
            String word = line.substring(wordStart, spans.get(i)[1]);
            int at = 0;
            for (String piece : pieces(word)) {
                int start = word.indexOf(piece, at);
                at = start + piece.length();
                if (isName(piece) && !common.contains(fold(piece))) {
                    names.add(new Mention(piece, offset + wordStart + start, run(line, spans, i)));
                }
            }
        }
    }

    /** A capitalized word of two letters or more, or an acronym, and no Roman numeral. */
    private static boolean isName(String word) {
        return word.length() >= 2 && Character.isUpperCase(word.charAt(0)) && !ROMAN_NUMERAL.matcher(word).matches();
    }

    /** A heading in title case ("Talks Behind Closed Doors") capitalizes words that are no names. */
    private static boolean isHeading(String line) {
        String stripped = line.strip();
        String[] words = WHITESPACE.split(stripped);
        if (words.length < 3 || SENTENCE_END.matcher(stripped).matches()) {
            return false;
        }
        long capitalized = Arrays.stream(words).filter(w -> !w.isEmpty() && Character.isUpperCase(w.charAt(0)))
                .count();
        return capitalized * 2 >= words.length;
    }

    /**
     * Whether the word at {@code start}, not the first of its line, begins a sentence or a quotation, where any word
     * is capitalized. Looks back only over the spaces and signs before it.
     */
    private static boolean startsSentence(String line, int start) {
        int i = start - 1;
        while (i >= 0 && (Character.isWhitespace(line.charAt(i)) || OPENING.indexOf(line.charAt(i)) >= 0)) {
            if ("«“\"‘(".indexOf(line.charAt(i)) >= 0) {
                return true;
            }
            i--;
        }
        if (i < 0) {
            return true;
        }
        char before = line.charAt(i);
        if (before == '.') {
            // "M. Macron", "J. Biden": a title or an initial, not the end of a sentence.
            int wordStart = i;
            while (wordStart > 0 && i - wordStart < 8 && Letters.isLetter(line.charAt(wordStart - 1))) {
                wordStart--;
            }
            String word = line.substring(wordStart, i).toLowerCase(Locale.ROOT);
            return !(ABBREVIATIONS.contains(word) || word.length() == 1);
        }
        return "!?…:;".indexOf(before) >= 0;
    }

    /** The capitalized words around the word {@code index} of a line, a few on each side, for the excerpt. */
    private static String run(String line, List<int[]> spans, int index) {
        int first = index;
        while (first > 0 && index - first < RUN_WORDS && joinedCapitalized(line, spans, first - 1)) {
            first--;
        }
        int last = index;
        while (last + 1 < spans.size() && last - index < RUN_WORDS && joinedCapitalized(line, spans, last)) {
            last++;
        }
        return line.substring(spans.get(first)[0], spans.get(last)[1]);
    }

    /** Whether word {@code i} and the next are both capitalized, one space or hyphen apart. */
    private static boolean joinedCapitalized(String line, List<int[]> spans, int i) {
        int gap = spans.get(i + 1)[0] - spans.get(i)[1];
        return gap == 1 && " -".indexOf(line.charAt(spans.get(i)[1])) >= 0
                && Character.isUpperCase(line.charAt(spans.get(i)[0]))
                && Character.isUpperCase(line.charAt(spans.get(i + 1)[0]));
    }

    /**
     * The words of a text as {@link #WORD} finds them, scanned by hand: the regular expression's character classes
     * were a third of indexing an article.
     */
    static List<String> words(String text) {
        List<String> found = new ArrayList<>();
        int i = 0;
        while ((i = Letters.next(text, i)) < text.length()) {
            int start = i;
            i += Character.charCount(text.codePointAt(i));
            // At most 60 more, as the pattern's {0,60}.
            for (int more = 0; more < 60 && i < text.length(); more++) {
                int next = text.codePointAt(i);
                if (!Letters.isLetter(next) && !isMark(next) && next != '\'' && next != '’') {
                    break;
                }
                i += Character.charCount(next);
            }
            found.add(text.substring(start, i));
        }
        return found;
    }

    /**
     * The compound words of a text as {@link #COMPOUND} finds them, scanned from its hyphens only: the pattern tried
     * every position of the article, a quarter of indexing its names.
     */
    static List<String> compounds(String text) {
        List<String> found = new ArrayList<>();
        int from = 0;
        int hyphen = text.indexOf('-');
        while (hyphen >= 0) {
            int start = firstPart(text, from, hyphen);
            int end = start >= 0 ? moreParts(text, hyphen) : hyphen;
            if (end > hyphen) {
                found.add(text.substring(start, end));
                from = end;
                hyphen = text.indexOf('-', end);
            } else {
                hyphen = text.indexOf('-', hyphen + 1);
            }
        }
        return found;
    }

    /**
     * Where a compound's first part starts, before the hyphen at {@code hyphen} and not before {@code from}, or -1: the
     * first place, left to right, after a character that is no letter, from which 1 to 40 letters reach the hyphen.
     * Character, not code point: the pattern's look-behind reads one, so it starts a part after a letter outside the
     * BMP too.
     */
    private static int firstPart(String text, int from, int hyphen) {
        int start = hyphen;
        while (start > from && Letters.isLetter(text.codePointBefore(start))) {
            start -= Character.charCount(text.codePointBefore(start));
        }
        int letters = text.codePointCount(start, hyphen);
        for (int at = start; at < hyphen; at += Character.charCount(text.codePointAt(at)), letters--) {
            if (letters <= COMPOUND_PART && (at == 0 || !Letters.isLetter(text.charAt(at - 1)))) {
                return at;
            }
        }
        return -1;
    }

    /** Where the parts after a compound's first end: up to three hyphens, each followed by 1 to 40 letters. */
    private static int moreParts(String text, int hyphen) {
        int end = hyphen;
        for (int part = 0; part < COMPOUND_MORE_PARTS && end < text.length() && text.charAt(end) == '-'; part++) {
            int partEnd = Letters.runEnd(text, end + 1, COMPOUND_PART);
            if (partEnd == end + 1) {
                break;
            }
            end = partEnd;
        }
        return end;
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /** A word's parts: without a French elision ("d'Anchorage") or an English possessive ("Putin's"). */
    private static List<String> pieces(String word) {
        if (word.indexOf('\'') < 0 && word.indexOf('’') < 0) {
            return List.of(word);
        }
        String[] parts = APOSTROPHE.split(word);
        List<String> pieces = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || i < parts.length - 1 && ELISIONS.contains(part.toLowerCase(Locale.ROOT))
                    || i > 0 && part.equalsIgnoreCase("s")) {
                continue;
            }
            pieces.add(part);
        }
        return pieces;
    }

    /** Lower case, without accents. */
    static String fold(String word) {
        String stripped = word.strip();
        // Most words are ASCII, which decomposing leaves as they are: a millisecond an article saved (miss profile).
        for (int i = 0; i < stripped.length(); i++) {
            if (stripped.charAt(i) >= 0x80) {
                String decomposed = Normalizer.normalize(stripped, Normalizer.Form.NFD);
                return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).replace('’', '\'');
            }
        }
        return stripped.toLowerCase(Locale.ROOT);
    }

    /** A spelling that French and English transliterations of one name share. */
    static String phonetic(String fold) {
        String sound = fold.replace("ou", "u").replace("ch", "sh").replace("y", "i").replace("ph", "f")
                .replace("w", "v").replace("ck", "k").replace("j", "i");
        StringBuilder out = new StringBuilder(sound.length());
        for (int i = 0; i < sound.length(); i++) {
            if (i == 0 || sound.charAt(i) != sound.charAt(i - 1)) {
                out.append(sound.charAt(i));
            }
        }
        if (out.length() > 3 && (out.charAt(out.length() - 1) == 'e' || out.charAt(out.length() - 1) == 's')) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /** Edit distance, given up above {@code limit}. */
    private static int distance(String a, String b, int limit) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int best = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                best = Math.min(best, current[j]);
            }
            if (best > limit) {
                return best;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Names.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Packaged list " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
