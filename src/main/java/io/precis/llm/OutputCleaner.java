package io.precis.llm;

import io.precis.task.TextSink;
import java.util.regex.Pattern;

/**
 * Strips what models wrap around the text that was asked for: preambles ("Here is the summary:"), sign-offs, code
 * fences, markdown, enclosing quotes and echoed delimiters; and what a newsroom must never publish from it: HTML
 * markup (a closed {@code <script>}, {@code <style>}, {@code <iframe>}, {@code <object>} or {@code <template>}
 * element with its content; the tags of every other HTML element and closed comments, the text between them kept),
 * control characters but newline and tab, and the bidirectional overrides and isolates that make text read otherwise
 * than it is stored. Tags are removed until none is left, so that removing one cannot join the pieces of another. It
 * only removes; words are never rewritten. Angle brackets that are not HTML tags ({@code x < y}, {@code <y and y>})
 * stay; an answer that still holds the start of an HTML tag is refused by {@link #holdsMarkup}. What it removes is
 * part of what is stored: a change here bumps {@link ChatLlmProvider#CODE_VERSION}.
 */
final class OutputCleaner {

    private static final Pattern FENCE = Pattern.compile("^```[\\w-]*\\s*\\n?|\\n?```\\s*$");
    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");
    /** Elements whose content is code, not text: removed whole when they are closed. */
    private static final Pattern CODE_ELEMENT = Pattern.compile(
            "(?is)<(script|style|iframe|object|template)\\b[^>]*>.*?</\\1\\s*>");
    /** The HTML elements, by name (and SVG's and MathML's roots): their tags are markup, other angle brackets text. */
    private static final String ELEMENTS = "a|abbr|address|area|article|aside|audio|b|base|bdi|bdo|blockquote|body|br"
            + "|button|canvas|caption|cite|code|col|colgroup|data|datalist|dd|del|details|dfn|dialog|div|dl|dt|em"
            + "|embed|fieldset|figcaption|figure|font|footer|form|frame|frameset|h[1-6]|head|header|hr|html|i|iframe"
            + "|img|input|ins|kbd|label|legend|li|link|main|map|mark|marquee|math|menu|meta|meter|nav|noscript"
            + "|object|ol|optgroup|option|output|p|param|picture|pre|progress|q|rp|rt|ruby|s|samp|script|section"
            + "|select|slot|small|source|span|strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea"
            + "|tfoot|th|thead|time|title|tr|track|u|ul|var|video|wbr";
    /** A tag of an HTML element, opening, closing or empty, its attributes after a space or a slash; a closed comment. */
    private static final Pattern TAG = Pattern.compile(
            "(?is)<!--.*?-->|</?(?:" + ELEMENTS + ")(?=[\\s/>])[^<>]*>");
    /** The start of an HTML tag that removing tags left behind: unclosed, or cut off at the end. */
    private static final Pattern MARKUP_LEFT = Pattern.compile("(?i)<(?:/?(?:" + ELEMENTS + ")(?=[\\s/>]|$)|!--)");
    /**
     * C0 and C1 controls but tab and newline, and the bidirectional embeddings, overrides and isolates (U+202A to
     * U+202E, U+2066 to U+2069).
     */
    private static final Pattern UNSAFE_CHARACTERS = Pattern.compile(
            "[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069]");
    /** A first line that announces the answer instead of being part of it. */
    private static final Pattern PREAMBLE = Pattern.compile(
            "(?iu)^\\s*(?:(?:sure|certainly|of course|okay|ok|bien sûr|certainement|d'accord|voilà)[,!.]?\\s*)?"
                    + "(?:(?:here(?:'s| is| are)|voici|ci-dessous|below is)\\b[^\\n]{0,100}?"
                    + "|(?:summary|résumé|translation|traduction|english translation|french translation"
                    + "|traduction (?:en|française|anglaise)[^\\n:]{0,30}|résumé (?:en|de l'article)[^\\n:]{0,30}))"
                    + "\\s*:\\s*(?:\\n|$)");
    /** A label glued to the start of the answer, as in "Summary: The two presidents...". */
    private static final Pattern LABEL = Pattern.compile(
            "(?iu)^\\s*(?:\\*\\*)?(?:summary|résumé|translation|traduction)(?:\\*\\*)?\\s*:\\s*(?:\\*\\*)?\\s*");
    private static final Pattern SIGN_OFF = Pattern.compile(
            "(?iu)\\n+\\s*(?:(?:i hope|let me know|feel free|n'hésitez pas|j'espère)\\b[^\\n]*"
                    // A note of the model's own is in parentheses; a bare "Note :" may be the article's last line.
                    + "|\\((?:note|remarque)\\s*:[^\\n]*\\))\\s*$");
    private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]+)]\\((?:https?:|mailto:|/)[^)]*\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s+");
    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*([^*\\n]+)\\*\\*|__([^_\\n]+)__");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>()\\[\\]\"']+");

    private OutputCleaner() {
    }

    /**
     * A sink that passes a model's text on as it is written, without the characters {@link #clean} removes one by
     * one (controls, direction overrides), so that no client displays them even for a moment. Markup, which may span
     * deltas, is removed from the result, which replaces the deltas when cleaning changed the text.
     */
    static TextSink withoutUnsafeCharacters(TextSink sink) {
        if (sink == TextSink.NONE) {
            return sink;
        }
        return new TextSink() {
            @Override
            public void text(String delta) {
                String safe = UNSAFE_CHARACTERS.matcher(delta).replaceAll("");
                if (!safe.isEmpty()) {
                    sink.text(safe);
                }
            }

            @Override
            public void restart() {
                sink.restart();
            }
        };
    }

    /** Cleans a model's answer; returns an empty string for a null or empty one. */
    static String clean(String answer, Delimiters delimiters) {
        if (answer == null) {
            return "";
        }
        String text = answer.replace("\r\n", "\n");
        text = UNSAFE_CHARACTERS.matcher(text).replaceAll("");
        text = THINKING.matcher(text).replaceAll("");
        // Echoed delimiters first: they look like tags.
        text = text.replace(delimiters.open(), "").replace(delimiters.close(), "").strip();
        text = withoutMarkup(text);
        text = FENCE.matcher(text).replaceAll("").strip();
        text = PREAMBLE.matcher(text).replaceFirst("").strip();
        text = LABEL.matcher(text).replaceFirst("").strip();
        text = SIGN_OFF.matcher(text).replaceFirst("").strip();
        text = MARKDOWN_IMAGE.matcher(text).replaceAll("");
        text = MARKDOWN_LINK.matcher(text).replaceAll("$1");
        text = HEADING.matcher(text).replaceAll("");
        text = EMPHASIS.matcher(text).replaceAll("$1$2");
        text = unquote(text.strip());
        return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
    }

    /**
     * Removes the addresses that the article does not contain: a summary or translation has no reason to add any,
     * and an article written to make the model point readers elsewhere must not succeed.
     */
    static String withoutForeignLinks(String answer, String article) {
        String source = article.toLowerCase(java.util.Locale.ROOT);
        return URL.matcher(answer).replaceAll(match -> {
            String url = match.group().replaceAll("[.,;:!?]+$", "");
            String trailing = match.group().substring(url.length());
            return source.contains(url.toLowerCase(java.util.Locale.ROOT))
                    ? java.util.regex.Matcher.quoteReplacement(match.group()) : trailing;
        }).replaceAll("[ \\t]{2,}", " ").strip();
    }

    /** Removes code elements and tags until none is left: {@code <scr<b>ipt>} must not become {@code <script>}. */
    private static String withoutMarkup(String text) {
        String before;
        String after = text;
        do {
            before = after;
            after = TAG.matcher(CODE_ELEMENT.matcher(before).replaceAll("")).replaceAll("");
        } while (!after.equals(before));
        return after;
    }

    /** Whether cleaned text still holds the start of an HTML tag or comment, which no reader may be given. */
    static boolean holdsMarkup(String cleaned) {
        return MARKUP_LEFT.matcher(cleaned).find();
    }

    /** Removes quotes around the whole answer, but not quotes that open and close inside it. */
    private static String unquote(String text) {
        if (text.length() < 2) {
            return text;
        }
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        boolean wrapped = first == '"' && last == '"' && text.indexOf('"', 1) == text.length() - 1
                || first == '“' && last == '”' && text.indexOf('”') == text.length() - 1
                || first == '«' && last == '»' && text.indexOf('»') == text.length() - 1;
        return wrapped ? text.substring(1, text.length() - 1).strip() : text;
    }
}
