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
 * {@code 2:30 pm}, and the month of a date in either language. An article's numbers are read in every way they may
 * be meant, so that a faithful text is never taken for a wrong one; a text's numbers in the way its language writes
 * them.
 */
final class Numbers {

    /** Digits, with the separators that group or split them. */
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[ \u00A0\u202F.,'’]\\d+)*");
    private static final Pattern MULTIPLIER = Pattern.compile(
            "^[ \u00A0\u202F]?(millions?|milliards?|billions?|trillions?|mille|thousands?|bn|mds?)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern AFTERNOON = Pattern.compile("^(?::\\d{2})?\\s?(?:p\\.m\\.|pm\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[\\p{L}]+(?:-[\\p{L}]+)*");
    private static final String MONTH_NAMES = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout"
            + "|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august"
            + "|september|october|november|december";
    private static final Pattern PERCENT = Pattern.compile("^[ \u00A0\u202F]?(?:%|pour cent|pour-cent|per ?cent)");
    private static final Pattern MONTH_AFTER = Pattern.compile("^(?:er|st|nd|rd|th)?[ \u00A0\u202F](" + MONTH_NAMES
            + ")\\b");
    /** A unit after a number (and its multiplier): "4 ans", "4-year-old", "1,5 million d'euros", "12 €". */
    private static final Pattern UNIT_AFTER = Pattern.compile("^[ \u00A0\u202F]?(?:(?:millions?|milliards?"
            + "|billions?|mille|thousand|bn)[ \u00A0\u202F]?)?(?:d'|d’|de |of )?(€|euros?|dollars?|\\$|ans?"
            + "|years?|-year-old|mois|months?|jours?|days?|heures?|hours?)(?![\\p{L}])");
    private static final Pattern CURRENCY_BEFORE = Pattern.compile("[€$£][ \u00A0\u202F]?$");
    private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("€", "money"),
            Map.entry("euro", "money"), Map.entry("dollar", "money"), Map.entry("$", "money"),
            Map.entry("an", "years"), Map.entry("year", "years"), Map.entry("-year-old", "years"),
            Map.entry("mois", "months"), Map.entry("moi", "months"), Map.entry("month", "months"),
            Map.entry("jour", "days"), Map.entry("day", "days"), Map.entry("heure", "hours"),
            Map.entry("hour", "hours"));
    private static final Pattern MONTH_BEFORE = Pattern.compile("\\b(" + MONTH_NAMES + ")[ \u00A0\u202F]$");
    private static final Map<String, Long> MULTIPLIERS = Map.ofEntries(
            Map.entry("million", 1_000_000L), Map.entry("millions", 1_000_000L),
            Map.entry("milliard", 1_000_000_000L), Map.entry("milliards", 1_000_000_000L),
            Map.entry("md", 1_000_000_000L), Map.entry("mds", 1_000_000_000L),
            Map.entry("billion", 1_000_000_000L), Map.entry("billions", 1_000_000_000L),
            Map.entry("bn", 1_000_000_000L),
            Map.entry("trillion", 1_000_000_000_000L), Map.entry("trillions", 1_000_000_000_000L),
            Map.entry("mille", 1_000L), Map.entry("thousand", 1_000L), Map.entry("thousands", 1_000L));
    /** Numbers an article may write in words; a text's own number words are not checked. */
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zéro", 0), Map.entry("un", 1), Map.entry("une", 1), Map.entry("deux", 2),
            Map.entry("trois", 3), Map.entry("quatre", 4), Map.entry("cinq", 5), Map.entry("six", 6),
            Map.entry("sept", 7), Map.entry("huit", 8), Map.entry("neuf", 9), Map.entry("dix", 10),
            Map.entry("onze", 11), Map.entry("douze", 12), Map.entry("treize", 13), Map.entry("quatorze", 14),
            Map.entry("quinze", 15), Map.entry("seize", 16), Map.entry("vingt", 20), Map.entry("vingts", 20),
            Map.entry("trente", 30), Map.entry("quarante", 40), Map.entry("cinquante", 50),
            Map.entry("soixante", 60), Map.entry("cent", 100), Map.entry("cents", 100), Map.entry("douzaine", 12),
            Map.entry("dizaine", 10), Map.entry("centaine", 100), Map.entry("premier", 1), Map.entry("première", 1),
            Map.entry("second", 2), Map.entry("seconde", 2), Map.entry("deuxième", 2), Map.entry("troisième", 3),
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18),
            Map.entry("nineteen", 19), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80),
            Map.entry("ninety", 90), Map.entry("hundred", 100), Map.entry("dozen", 12), Map.entry("first", 1),
            Map.entry("third", 3), Map.entry("half", 2), Map.entry("moitié", 2), Map.entry("demi", 2),
            Map.entry("tiers", 3), Map.entry("quart", 4), Map.entry("double", 2), Map.entry("triple", 3));
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("janvier", 1), Map.entry("février", 2), Map.entry("fevrier", 2), Map.entry("mars", 3),
            Map.entry("avril", 4), Map.entry("mai", 5), Map.entry("juin", 6), Map.entry("juillet", 7),
            Map.entry("août", 8), Map.entry("aout", 8), Map.entry("septembre", 9), Map.entry("octobre", 10),
            Map.entry("novembre", 11), Map.entry("décembre", 12), Map.entry("decembre", 12),
            Map.entry("january", 1), Map.entry("february", 2), Map.entry("march", 3), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("july", 7), Map.entry("august", 8),
            Map.entry("september", 9), Map.entry("october", 10), Map.entry("november", 11),
            Map.entry("december", 12));
    /** Months whose English name is also a common word: read as a month only next to a number. */
    private static final Set<String> AMBIGUOUS_MONTHS = Set.of("may", "march", "mars", "mai");

    /**
     * A number or month in a text.
     *
     * @param written how the text writes it
     * @param start   where it starts in the text
     * @param values  the values it may stand for; the text is right when one of them is in the article
     * @param parts   for digits split by spaces ({@code 1998 300}), the values of each part, any of which may stand
     *                alone; otherwise empty
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
            for (String separators : List.of("fr", "en")) {
                plain.addAll(interpretations(token, separators, multiplier));
            }
            values.addAll(plain);
            values.addAll(typed(text, digits.start(), digits.end(), plain));
            if (interpretations(token, "fr", 1).isEmpty()) {
                // Not one French number ("en 2020 300 personnes", "2'14", "lignes 1.2,5,9"): each part stands
                // alone.
                String separators = plain.isEmpty() ? "[ \u00A0\u202F.,'’]" : "[ \u00A0\u202F]";
                for (String part : token.split(separators)) {
                    values.addAll(interpretations(part, "fr", multiplier));
                    values.addAll(interpretations(part, "en", multiplier));
                }
            }
        }
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            String word = words.group().toLowerCase(Locale.ROOT);
            int sum = 0;
            boolean number = true;
            for (String piece : word.split("-")) {
                Integer value = NUMBER_WORDS.get(piece);
                if (value == null) {
                    number = false;
                    break;
                }
                sum += value;
            }
            long multiplier = multiplier(text, words.end());
            // "un", "une" are articles far more often than numbers: one only before "million" or the like.
            if (number && (multiplier != 1 || !(word.equals("un") || word.equals("une")))) {
                values.add(canonical(BigDecimal.valueOf(sum)));
                values.add(canonical(BigDecimal.valueOf(sum).multiply(BigDecimal.valueOf(multiplier))));
            }
            Integer month = MONTHS.get(word);
            if (month != null) {
                values.add(month(month));
            }
        }
        return values;
    }

    /** The numbers and months of a text in {@code language} ("en" or "fr"), as that language writes them. */
    static List<Mention> ofText(String text, String language) {
        List<Mention> mentions = new ArrayList<>();
        Matcher digits = NUMBER.matcher(text);
        while (digits.find()) {
            String token = digits.group();
            long multiplier = multiplier(text, digits.end());
            Set<String> values = new HashSet<>(interpretations(token, language, multiplier));
            if (values.isEmpty()) {
                values.addAll(interpretations(token, "en".equals(language) ? "fr" : "en", multiplier));
            }
            if (AFTERNOON.matcher(text.substring(digits.end())).find() && token.matches("\\d{1,2}")) {
                int hour = Integer.parseInt(token);
                if (hour < 12) {
                    values.add(canonical(BigDecimal.valueOf(hour + 12L)));
                }
            }
            Set<String> typed = typed(text, digits.start(), digits.end(), values);
            if (!typed.isEmpty()) {
                // A day of a date, or a percentage: right only as that, so that "3 octobre" changed into the
                // "6 octobre" of an article that has a 6 elsewhere is still caught.
                mentions.add(new Mention(token, digits.start(), typed, List.of()));
                continue;
            }
            List<Set<String>> parts = new ArrayList<>();
            String[] spaced = token.split(values.isEmpty() ? "[ \u00A0\u202F.,'’]" : "[ \u00A0\u202F]");
            if (spaced.length > 1) {
                for (String part : spaced) {
                    parts.add(interpretations(part, language, 1));
                }
            }
            mentions.add(new Mention(token, digits.start(), values, parts));
        }
        Matcher words = WORD.matcher(text);
        while (words.find()) {
            String word = words.group();
            Integer month = MONTHS.get(word.toLowerCase(Locale.ROOT));
            if (month == null || !monthIn(word, language) || AMBIGUOUS_MONTHS.contains(word.toLowerCase(Locale.ROOT))
                    && !nextToNumber(text, words.start(), words.end())) {
                continue;
            }
            mentions.add(new Mention(word, words.start(), Set.of(month(month)), List.of()));
        }
        return mentions;
    }

    /**
     * The values of a number as a day of a date ({@code date:15-8} for "15 août", "August 15", "15th August") or as a
     * percentage ({@code pct:20} for "20 %", "20 percent"); empty when it is neither.
     */
    private static Set<String> typed(String text, int start, int end, Set<String> values) {
        String after = text.substring(end, Math.min(text.length(), end + 16)).toLowerCase(Locale.ROOT);
        String before = text.substring(Math.max(0, start - 12), start).toLowerCase(Locale.ROOT);
        Set<String> typed = new HashSet<>();
        Matcher percent = PERCENT.matcher(after);
        if (percent.find()) {
            values.forEach(value -> typed.add("pct:" + value));
            return typed;
        }
        Matcher unit = UNIT_AFTER.matcher(text.substring(end, Math.min(text.length(), end + 32))
                .toLowerCase(Locale.ROOT));
        String family = unit.find() ? UNITS.get(unit.group(1).replaceFirst("s$", "")) : null;
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
                if (value.matches("[1-9]|[12]\\d|3[01]")) {
                    typed.add("date:" + value + "-" + month);
                }
            }
        }
        return typed;
    }

    /** Whether a mention's value is among an article's. */
    static boolean inSource(Mention mention, Set<String> source) {
        if (mention.values().stream().anyMatch(source::contains)) {
            return true;
        }
        return !mention.parts().isEmpty()
                && mention.parts().stream().allMatch(part -> part.stream().anyMatch(source::contains));
    }

    /** English capitalizes its months; French does not, and an English month name is no French month. */
    private static boolean monthIn(String word, String language) {
        boolean english = MONTHS.get(word.toLowerCase(Locale.ROOT)) != null
                && !word.toLowerCase(Locale.ROOT).matches("janvier|février|fevrier|mars|avril|mai|juin|juillet|août"
                        + "|aout|septembre|octobre|novembre|décembre|decembre");
        return "en".equals(language) ? english && Character.isUpperCase(word.charAt(0)) : !english;
    }

    private static boolean nextToNumber(String text, int start, int end) {
        String before = text.substring(Math.max(0, start - 4), start);
        String after = text.substring(end, Math.min(text.length(), end + 3));
        return before.matches(".*\\d[\\s,]*") || after.matches("[\\s,]*\\d.*");
    }

    private static String month(int month) {
        return "month:" + month;
    }

    private static long multiplier(String text, int end) {
        Matcher matcher = MULTIPLIER.matcher(text.substring(end, Math.min(text.length(), end + 12)));
        return matcher.find() ? MULTIPLIERS.get(matcher.group(1).toLowerCase(Locale.ROOT)) : 1;
    }

    /**
     * The values digits stand for in a language's writing: French groups thousands with spaces or dots and writes
     * decimals after a comma; English groups with commas and writes decimals after a dot. Empty when the digits cannot
     * be read that way. With a multiplier, both the number as written and the amount it makes.
     */
    private static Set<String> interpretations(String token, String language, long multiplier) {
        Set<String> values = new HashSet<>();
        String[] groups = token.split("[ \u00A0\u202F.,'’]");
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
        values.add(canonical(value));
        if (multiplier != 1) {
            values.add(canonical(value.multiply(BigDecimal.valueOf(multiplier))));
        }
        return values;
    }

    private static String canonical(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
