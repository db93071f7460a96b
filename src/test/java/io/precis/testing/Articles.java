package io.precis.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Request bodies for the API tests, and long articles whose translations can be checked paragraph by paragraph. */
public final class Articles {

    private static final Pattern NUMBER = Pattern.compile("^§(\\d+) ");

    private Articles() {
    }

    /** A JSON digest request for an article, with options as alternating keys and values. */
    public static Map<String, Object> digest(String text, Object... options) {
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        for (int i = 0; i < options.length; i += 2) {
            body.put((String) options[i], options[i + 1]);
        }
        return body;
    }

    /** Paragraphs from the OrangeSum sample, each numbered "§n ", until the text has about this many characters. */
    public static List<String> numberedParagraphs(int chars) {
        List<String> paragraphs = new ArrayList<>();
        int length = 0;
        for (String document : Corpus.lines("orangesum-abstract/source_documents.txt")) {
            for (String sentence : document.split("(?<=[.!?]) (?=[A-ZÀ-Ý])")) {
                if (length >= chars) {
                    return paragraphs;
                }
                String paragraph = "§" + (paragraphs.size() + 1) + " " + sentence.strip();
                paragraphs.add(paragraph);
                length += paragraph.length() + 2;
            }
        }
        return paragraphs;
    }

    /**
     * An English rendering of each paragraph of a numbered article that keeps its number: enough for a fake model's
     * translation to be checked for order and completeness.
     */
    public static String numberedTranslation(String article) {
        List<String> out = new ArrayList<>();
        for (String paragraph : article.split("\n\n")) {
            Matcher number = NUMBER.matcher(paragraph);
            String prefix = number.find() ? number.group() : "";
            out.add(prefix + Texts.englishTranslationOf(paragraph.substring(prefix.length())));
        }
        return String.join("\n\n", out);
    }
}
