package io.precis.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits French and English prose into sentences.
 *
 * <p>A sentence ends at {@code . ! ? …} (with any closing quotes) followed by a space and a capital, an opening
 * quote, a dash or a digit, unless the word before the dot is a known abbreviation (M., Mme, Dr, etc.) or a single
 * capital initial (J. Biden).
 */
public final class Sentences {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "mgr", "st", "ste", "sr", "jr", "mr", "mrs",
            "ms", "prof", "gen", "gén", "col", "lt", "capt", "sgt", "etc", "cf", "ex", "env", "av", "apr", "j.-c",
            "vs", "no", "n°", "art", "al", "fig", "p", "vol", "chap", "inc", "ltd", "co", "corp", "dept", "approx");

    private Sentences() {
    }

    /** The sentences of a paragraph, trimmed, in order. */
    public static List<String> split(String paragraph) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int length = paragraph.length();
        for (int i = 0; i < length; i++) {
            char c = paragraph.charAt(i);
            if (c != '.' && c != '!' && c != '?' && c != '…') {
                continue;
            }
            int end = i + 1;
            while (end < length && isClosing(paragraph.charAt(end))) {
                end++;
            }
            // French typography sets a space before a closing guillemet: « c'est fini. »
            if (end + 1 < length && paragraph.charAt(end) == ' ' && paragraph.charAt(end + 1) == '»') {
                end += 2;
            }
            if (end >= length || paragraph.charAt(end) != ' ' || end + 1 >= length) {
                continue;
            }
            char next = paragraph.charAt(end + 1);
            if (!(Character.isUpperCase(next) || Character.isDigit(next) || next == '«' || next == '"'
                    || next == '“' || next == '—' || next == '–' || next == '-')) {
                continue;
            }
            if (c == '.' && isAbbreviation(paragraph, start, i)) {
                continue;
            }
            sentences.add(paragraph.substring(start, end).strip());
            start = end + 1;
            i = end;
        }
        String rest = paragraph.substring(start).strip();
        if (!rest.isEmpty()) {
            sentences.add(rest);
        }
        return sentences;
    }

    private static boolean isClosing(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…' || c == '"' || c == '»' || c == '”' || c == '’'
                || c == ')' || c == '\'';
    }

    private static boolean isAbbreviation(String text, int sentenceStart, int dot) {
        int wordStart = dot;
        while (wordStart > sentenceStart && !Character.isWhitespace(text.charAt(wordStart - 1))
                && text.charAt(wordStart - 1) != '(') {
            wordStart--;
        }
        String word = text.substring(wordStart, dot);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return true;
        }
        return ABBREVIATIONS.contains(word.toLowerCase(java.util.Locale.ROOT));
    }
}
