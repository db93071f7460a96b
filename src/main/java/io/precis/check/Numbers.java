package io.precis.check;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers of a text as values, whatever their French or English writing: {@code 1,5 million} and
 * {@code 1.5 million}, {@code 3 000} and {@code 3,000}, {@code 20 %} and {@code 20%}, {@code 14h30} and
 * {@code 2:30 pm}, {@code quatre-vingt-dix} and {@code 90}, and the month of a date in either language. An article's
 * numbers are read in every way they may be meant, so that a faithful text is never taken for a wrong one; a text's
 * numbers in the way its language writes them. A number given with a unit (a day of a month, a percentage, an amount
 * of money, years, months, days or hours) must be in the article with that unit; one with a multiplier
 * ({@code 1.2 million}) by the amount it makes.
 *
 * <p>Every pattern here is bounded, and every look around a number reads a few characters: the checks run on whole
 * articles and on whatever a model writes.
 */
final class Numbers {

    /** Digits, with the separators that group or split them: at most seven groups, so no pattern recursion runs deep. */
    static final Pattern NUMBER = Pattern.compile("\\d{1,15}(?:[ \u00A0\u202F.,'’]\\d{1,15}){0,6}");
    private static final Pattern MULTIPLIER = Pattern.compile(
            "^[ \u00A0\u202F]?(millions?|milliards?|billions?|trillions?|mille|thousands?|bn|mds?|md€|mds€|m€|k€)"
                    + "(?![\\p{L}])");
    private static final Pattern AFTERNOON = Pattern.compile("^(?::\\d{2})?\\s?(?:p\\.m\\.|pm\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})[.:](\\d{2})");
    private static final Pattern WORD = Pattern.compile("\\p{L}{1,40}");
    /** The most letters of a word, as {@link #WORD} reads them. */
    private static final int WORD_LETTERS = 40;
    // Compiled once: String.split and String.matches compile their pattern at every call, which was a tenth of the
    // article's number index (miss profile).
    /** What separates the groups of digits of a number in one language or the other. */
    private static final Pattern GROUP_SEPARATORS = Pattern.compile("[ \u00A0\u202F.,'’]");
    private static final Pattern SPACES = Pattern.compile("[ \u00A0\u202F]");
    /** What joins the words of a number written in words ("quatre-vingt-dix", "trois cent"). */
    private static final Pattern WORD_JOINER = Pattern.compile("[ \u00A0\u202F-]{1,3}");
    private static final Pattern DAY = Pattern.compile("\\d{1,2}");
    private static final Pattern DIGIT_BEFORE = Pattern.compile(".*\\d[\\s,]*");
    private static final Pattern DIGIT_AFTER = Pattern.compile("[\\s,]*\\d.*");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("janvier", 1), Map.entry("février", 2), Map.entry("fevrier", 2), Map.entry("mars", 3),
            Map.entry("avril", 4), Map.entry("mai", 5), Map.entry("juin", 6), Map.entry("juillet", 7),
            Map.entry("août", 8), Map.entry("aout", 8), Map.entry("septembre", 9), Map.entry("octobre", 10),
            Map.entry("novembre", 11), Map.entry("décembre", 12), Map.entry("decembre", 12),
            Map.entry("january", 1), Map.entry("february", 2), Map.entry("march", 3), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("july", 7), Map.entry("august", 8),
            Map.entry("september", 9), Map.entry("october", 10), Map.entry("november", 11),
            Map.entry("december", 12));
    /** The months' names, for the patterns that find a month next to a day. */
    private static final String MONTH_NAMES = String.join("|", MONTHS.keySet());
    private static final Pattern PERCENT = Pattern.compile(
            "^[ \u00A0\u202F]?(?:%|pour cent\\b|pour-cent\\b|per ?cent\\b)");
    /** A unit after a number (and its multiplier): "4 ans", "4-year-old", "1,5 million d'euros", "12 €", "12 M€". */
    private static final Pattern UNIT_AFTER = Pattern.compile("^[ \u00A0\u202F]?(?:(?:millions?|milliards?"
            + "|billions?|mille|thousand|bn|mds?)[ \u00A0\u202F]?)?(?:d'|d’|de |of )?(€|m€|md€|mds€|k€|euros?"
            + "|dollars?|\\$|ans?|years?|-year-old|mois|months?|jours?|days?|heures?|hours?)(?![\\p{L}])");
    private static final Pattern CURRENCY_BEFORE = Pattern.compile("[€$£][ \u00A0\u202F]?$");
    private static final Pattern MONTH_AFTER = Pattern.compile("^(?:er|st|nd|rd|th)?[ \u00A0\u202F](" + MONTH_NAMES
            + ")(?![\\p{L}])");
    private static final Pattern MONTH_BEFORE = Pattern.compile("(?<![\\p{L}])(" + MONTH_NAMES
            + ")[ \u00A0\u202F]$");
    private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("€", "money"),
            Map.entry("m€", "money"), Map.entry("md€", "money"), Map.entry("mds€", "money"), Map.entry("k€", "money"),
            Map.entry("euro", "money"), Map.entry("euros", "money"), Map.entry("dollar", "money"),
            Map.entry("dollars", "money"), Map.entry("$", "money"),
            Map.entry("an", "years"), Map.entry("ans", "years"), Map.entry("year", "years"),
            Map.entry("years", "years"), Map.entry("-year-old", "years"),
            Map.entry("mois", "months"), Map.entry("month", "months"), Map.entry("months", "months"),
            Map.entry("jour", "days"), Map.entry("jours", "days"), Map.entry("day", "days"), Map.entry("days", "days"),
            Map.entry("heure", "hours"), Map.entry("heures", "hours"), Map.entry("hour", "hours"),
            Map.entry("hours", "hours"));
    private static final Map<String, Long> MULTIPLIERS = Map.ofEntries(
            Map.entry("million", 1_000_000L), Map.entry("millions", 1_000_000L), Map.entry("m€", 1_000_000L),
            Map.entry("milliard", 1_000_000_000L), Map.entry("milliards", 1_000_000_000L),
            Map.entry("md", 1_000_000_000L), Map.entry("mds", 1_000_000_000L), Map.entry("md€", 1_000_000_000L),
            Map.entry("mds€", 1_000_000_000L), Map.entry("billion", 1_000_000_000L),
            Map.entry("billions", 1_000_000_000L), Map.entry("bn", 1_000_000_000L),
            Map.entry("trillion", 1_000_000_000_000L), Map.entry("trillions", 1_000_000_000_000L),
            Map.entry("mille", 1_000L), Map.entry("thousand", 1_000L), Map.entry("thousands", 1_000L),
            Map.entry("k€", 1_000L));
    /** Numbers an article may write in words; a text's own number words are not checked. */
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zéro", 0), Map.entry("un", 1), Map.entry("une", 1), Map.entry("deux", 2),
            Map.entry("trois", 3), Map.entry("quatre", 4), Map.entry("cinq", 5), Map.entry("six", 6),
            Map.entry("sept", 7), Map.entry("huit", 8), Map.entry("neuf", 9), Map.entry("dix", 10),
            Map.entry("onze", 11), Map.entry("douze", 12), Map.entry("treize", 13), Map.entry("quatorze", 14),
            Map.entry("quinze", 15), Map.entry("seize", 16), Map.entry("vingt", 20), Map.entry("vingts", 20),
            Map.entry("trente", 30), Map.entry("quarante", 40), Map.entry("cinquante", 50),
            Map.entry("soixante", 60), Map.entry("douzaine", 12), Map.entry("dizaine", 10),
            Map.entry("centaine", 100), Map.entry("premier", 1), Map.entry("première", 1),
            Map.entry("second", 2), Map.entry("seconde", 2), Map.entry("deuxième", 2), Map.entry("troisième", 3),
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90), Map.entry("dozen", 12), Map.entry("first", 1),
            Map.entry("third", 3), Map.entry("half", 2), Map.entry("moitié", 2), Map.entry("demi", 2),
            Map.entry("tiers", 3), Map.entry("quart", 4), Map.entry("double", 2), Map.entry("triple", 3));
    /** Words that multiply the number words before them. */
    private static final Map<String, Long> WORD_MULTIPLIERS = Map.of("cent", 100L, "cents", 100L, "hundred", 100L,
            "mille", 1_000L, "thousand", 1_000L, "million", 1_000_000L, "millions", 1_000_000L,
            "milliard", 1_000_000_000L, "milliards", 1_000_000_000L, "billion", 1_000_000_000L);
    /** The longest number word, multiplier or month, in characters. */
    private static final int LONGEST_WORD = java.util.stream.Stream.of(MONTHS.keySet(), NUMBER_WORDS.keySet(),
            WORD_MULTIPLIERS.keySet()).flatMap(Set::stream).mapToInt(String::length).max().orElse(0);
    private static final Set<String> FRENCH_MONTHS = Set.of("janvier", "février", "fevrier", "mars", "avril", "mai",
            "juin", "juillet", "août", "aout", "septembre", "octobre", "novembre", "décembre", "decembre");
    /** Months whose English name is also a common word: read as a month only next to a number. */
    private static final Set<String> AMBIGUOUS_MONTHS = Set.of("may", "march", "mars", "mai");
    /** How far around a number its unit, multiplier or month is looked for. */
    private static final int CONTEXT = 24;

    /**
     * A number or month in a text.
     *
     * @param written how the text writes it
     * @param start   where it starts in the text
     * @param values  the values it may stand for; the text is right when one of them is in the article
     * @param parts   for digits that are no one number ({@code 1998 300}, {@code 2.30pm}), the values of each part,
     *                all of which must be in the article; otherwise empty
     */
    record Mention(String written, int start, Set<String> values, List<Set<String>> parts) {
    }

    private Numbers() {
    }

    /** Every value the numbers and months of an article may stand for. */
    static Set<String> ofSource(String text) {
        Set<String> values = new HashSet<>();
        Matcher digits = NUMBER.matcher(text);
        while (digits.find()) {
            String token = digits.group();
            long multiplier = multiplier(text, digits.end());
            Set<String> plain = new HashSet<>();
            for (String language : List.of("fr", "en")) {
                plain.addAll(interpretations(token, language, multiplier, true));
            }
            values.addAll(plain);
            values.addAll(typed(text, digits.start(), digits.end(), plain));
            String name = identifier(text, digits.start());
            if (name != null) {
                plain.forEach(value -> values.add("id:" + name + value));
            }
            if (interpretations(token, "fr", 1, true).isEmpty()) {
                // Not one French number ("en 2020 300 personnes", "2'14", "lignes 1.2,5,9"): each part stands
                // alone.
                Pattern separators = plain.isEmpty() ? GROUP_SEPARATORS : SPACES;
                for (String part : separators.split(token)) {
                    values.addAll(interpretations(part, "fr", multiplier, true));
                    values.addAll(interpretations(part, "en", multiplier, true));
                }
            }
        }
        words(text, values);
        return values;
    }

    /**
     * The numbers an article writes in words, alone and as a whole ("quatre-vingt-dix", "trois cent mille", "vingt
     * et un ans"), and its months.
     */
    private static void words(String text, Set<String> values) {
        long total = 0;
        long current = 0;
        boolean inNumber = false;
        String previous = "";
        int end = 0;
        int i = 0;
        // The words WORD finds, scanned by hand, and only those short enough to be a number or a month folded and
        // looked up: the pattern and the lookups of every word of the article were most of this index (its profile).
        while ((i = Letters.next(text, i)) < text.length()) {
            int start = i;
            i = Letters.runEnd(text, i, WORD_LETTERS);
            // Lower case never shortens a word: one longer than every key is none of them.
            String word = i - start > LONGEST_WORD ? "" : text.substring(start, i).toLowerCase(Locale.ROOT);
            Integer month = MONTHS.get(word);
            if (month != null) {
                values.add(month(month));
            }
            boolean joined = inNumber && start - end <= 3 && WORD_JOINER.matcher(text).region(end, start).matches();
            Integer value = NUMBER_WORDS.get(word);
            Long multiplier = WORD_MULTIPLIERS.get(word);
            if (joined && word.equals("et")) {
                // "vingt et un": the number goes on.
                end = i;
                continue;
            }
            if (value == null && multiplier == null) {
                if (inNumber) {
                    addWordNumber(text, end, total + current, values);
                }
                inNumber = false;
                total = 0;
                current = 0;
                previous = "";
                continue;
            }
            if (inNumber && !joined) {
                addWordNumber(text, end, total + current, values);
                total = 0;
                current = 0;
                previous = "";
            }
            if (multiplier != null) {
                if (multiplier >= 1000) {
                    total += Math.max(1, current) * multiplier;
                    current = 0;
                } else {
                    current = Math.max(1, current) * multiplier;
                }
            } else if ((word.equals("vingt") || word.equals("vingts")) && previous.equals("quatre")) {
                // quatre-vingt(s): four twenties.
                current = current - 4 + 80;
            } else {
                current += value;
                // "un", "une" are articles far more often than numbers: alone, they are no number.
                if (!(word.equals("un") || word.equals("une"))) {
                    values.add(canonical(BigDecimal.valueOf(value)));
                }
            }
            inNumber = true;
            previous = word;
            end = i;
        }
        if (inNumber) {
            addWordNumber(text, end, total + current, values);
        }
    }

    private static void addWordNumber(String text, int end, long value, Set<String> values) {
        if (value <= 1) {
            return;
        }
        Set<String> plain = Set.of(canonical(BigDecimal.valueOf(value)));
        values.addAll(plain);
        values.addAll(typed(text, end, end, plain));
    }

    /** The numbers and months of a text in {@code language} ("en" or "fr"), as that language writes them. */
    static List<Mention> ofText(String text, String language) {
        List<Mention> mentions = new ArrayList<>();
        Matcher digits = NUMBER.matcher(text);
        while (digits.find()) {
            String token = digits.group();
            long multiplier = multiplier(text, digits.end());
            String after = after(text, digits.end());
            Matcher clock = CLOCK.matcher(token);
            if (clock.matches() && AFTERNOON.matcher(after).find()) {
                // "2.30pm": an hour and its minutes, the hour perhaps written on 24 hours in the article.
                int hour = Integer.parseInt(clock.group(1));
                mentions.add(new Mention(token, digits.start(), Set.of(), List.of(
                        Set.of(String.valueOf(hour), String.valueOf(hour + 12)),
                        Set.of(canonical(new BigDecimal(clock.group(2)))))));
                continue;
            }
            Set<String> values = new HashSet<>(interpretations(token, language, multiplier, false));
            if (values.isEmpty()) {
                values.addAll(interpretations(token, "en".equals(language) ? "fr" : "en", multiplier, false));
            }
            String name = identifier(text, digits.start());
            if (name != null && !values.isEmpty()) {
                // Digits that are part of a name ("Covid-19", "TF1", "PM2.5"): right only as that name.
                int from = digits.start() - name.length();
                Set<String> named = new HashSet<>();
                values.forEach(value -> named.add("id:" + name + value));
                mentions.add(new Mention(text.substring(from, digits.end()), from, named, List.of()));
                continue;
            }
            if (AFTERNOON.matcher(after).find() && DAY.matcher(token).matches()) {
                int hour = Integer.parseInt(token);
                if (hour < 12) {
                    values.add(canonical(BigDecimal.valueOf(hour + 12L)));
                }
            }
            Set<String> typed = typed(text, digits.start(), digits.end(), values);
            if (!typed.isEmpty()) {
                // A day of a date, a percentage, an amount: right only as that, so that "3 octobre" changed into the
                // "6 octobre" of an article that has a 6 elsewhere is still caught.
                mentions.add(new Mention(token, digits.start(), typed, List.of()));
                continue;
            }
            List<Set<String>> parts = new ArrayList<>();
            String[] spaced = (values.isEmpty() ? GROUP_SEPARATORS : SPACES).split(token);
            if (spaced.length > 1) {
                for (String part : spaced) {
                    parts.add(interpretations(part, language, 1, false));
                }
            }
            mentions.add(new Mention(token, digits.start(), values, parts));
        }
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            String word = words.group();
            String lower = word.toLowerCase(Locale.ROOT);
            Integer month = MONTHS.get(lower);
            if (month == null || !monthIn(word, language) || AMBIGUOUS_MONTHS.contains(lower)
                    && !nextToNumber(text, words.start(), words.end())) {
                continue;
            }
            mentions.add(new Mention(word, words.start(), Set.of(month(month)), List.of()));
        }
        return mentions;
    }

    /**
     * The letters of the name a number is part of, when they come right before it or a hyphen after them
     * ({@code covid-} for "Covid-19", {@code tf} for "TF1"), in lower case; null otherwise.
     */
    private static String identifier(String text, int start) {
        int letters = start;
        if (letters > 1 && text.charAt(letters - 1) == '-' && Character.isLetter(text.charAt(letters - 2))) {
            letters--;
        }
        int from = letters;
        while (from > 0 && start - from < 12 && Character.isLetter(text.charAt(from - 1))) {
            from--;
        }
        if (from == letters) {
            return null;
        }
        return text.substring(from, start).toLowerCase(Locale.ROOT);
    }

    /** Whether a mention's value is among an article's. */
    static boolean inSource(Mention mention, Set<String> source) {
        if (mention.values().stream().anyMatch(source::contains)) {
            return true;
        }
        return !mention.parts().isEmpty()
                && mention.parts().stream().allMatch(part -> part.stream().anyMatch(source::contains));
    }

    /**
     * The values of a number as a day of a date ({@code date:15-8} for "15 août", "August 15", "15th August"), as a
     * percentage ({@code pct:20} for "20 %", "20 percent"), or with a unit ({@code money:12}, {@code years:4}); empty
     * when it has none of them.
     */
    private static Set<String> typed(String text, int start, int end, Set<String> values) {
        String after = after(text, end).toLowerCase(Locale.ROOT);
        String before = text.substring(Math.max(0, start - 12), start).toLowerCase(Locale.ROOT);
        Set<String> typed = new HashSet<>();
        if (PERCENT.matcher(after).find()) {
            values.forEach(value -> typed.add("pct:" + value));
            return typed;
        }
        Matcher unit = UNIT_AFTER.matcher(after);
        String family = unit.find() ? UNITS.get(unit.group(1)) : null;
        if (family == null && CURRENCY_BEFORE.matcher(before).find()) {
            family = "money";
        }
        if (family != null) {
            for (String value : values) {
                typed.add(family + ":" + value);
            }
            return typed;
        }
        Integer month = null;
        Matcher monthAfter = MONTH_AFTER.matcher(after);
        Matcher monthBefore = MONTH_BEFORE.matcher(before);
        if (monthAfter.find()) {
            month = MONTHS.get(monthAfter.group(1));
        } else if (monthBefore.find()) {
            month = MONTHS.get(monthBefore.group(1));
        }
        if (month != null) {
            for (String value : values) {
                // A day, or no day at all ("0 octobre"): either way, right only as a day of that month.
                if (DAY.matcher(value).matches()) {
                    typed.add("date:" + value + "-" + month);
                }
            }
        }
        return typed;
    }

    /** English capitalizes its months; French does not, and an English month name is no French month. */
    private static boolean monthIn(String word, String language) {
        boolean french = FRENCH_MONTHS.contains(word.toLowerCase(Locale.ROOT));
        return "en".equals(language) ? !french && Character.isUpperCase(word.charAt(0)) : french;
    }

    private static boolean nextToNumber(String text, int start, int end) {
        String before = text.substring(Math.max(0, start - 4), start);
        String after = text.substring(end, Math.min(text.length(), end + 3));
        return DIGIT_BEFORE.matcher(before).matches() || DIGIT_AFTER.matcher(after).matches();
    }

    private static String month(int month) {
        return "month:" + month;
    }

    /** The few characters after a number, where its unit, multiplier or month is. */
    private static String after(String text, int end) {
        return text.substring(end, Math.min(text.length(), end + CONTEXT));
    }

    private static long multiplier(String text, int end) {
        Matcher matcher = MULTIPLIER.matcher(after(text, end).toLowerCase(Locale.ROOT));
        return matcher.find() ? MULTIPLIERS.get(matcher.group(1)) : 1;
    }

    /**
     * The values digits stand for in a language's writing: French groups thousands with spaces or dots and writes
     * decimals after a comma; English groups with commas and writes decimals after a dot. Empty when the digits cannot
     * be read that way. With a multiplier, an article's number stands for itself and for the amount it makes; a
     * text's only for the amount, so that "1,2 million" written "1.2 billion" is caught.
     */
    private static Set<String> interpretations(String token, String language, long multiplier, boolean source) {
        Set<String> values = new HashSet<>();
        String[] groups = GROUP_SEPARATORS.split(token);
        List<Character> separators = new ArrayList<>();
        for (char c : token.toCharArray()) {
            if (!Character.isDigit(c)) {
                separators.add(c);
            }
        }
        boolean english = "en".equals(language);
        char decimal = english ? '.' : ',';
        int integerGroups = groups.length;
        String fraction = null;
        if (!separators.isEmpty() && separators.get(separators.size() - 1) == decimal) {
            integerGroups--;
            fraction = groups[groups.length - 1];
        }
        StringBuilder integer = new StringBuilder(groups[0]);
        for (int i = 1; i < integerGroups; i++) {
            char separator = separators.get(i - 1);
            boolean grouping = english ? separator == ',' || separator == '\'' || separator == '’'
                    : separator != ',';
            if (!grouping || groups[i].length() != 3 || groups[0].length() > 3) {
                return values;
            }
            integer.append(groups[i]);
        }
        BigDecimal value = new BigDecimal(fraction == null ? integer.toString() : integer + "." + fraction);
        if (multiplier == 1 || source) {
            values.add(canonical(value));
        }
        if (multiplier != 1) {
            values.add(canonical(value.multiply(BigDecimal.valueOf(multiplier))));
        }
        return values;
    }

    private static String canonical(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
