package io.precis.testing;

/** Canned model answers, in real English and French so that the service's language check accepts them. */
public final class Texts {

    // The canned answers name nobody and give no figure, and a "translation" keeps the article's paragraphs and
    // quotations, so that the output checks find nothing in them whatever the article: a test that wants a defect
    // scripts it.
    /** A medium summary (three sentences), the length asked by default. */
    public static final String ENGLISH_SUMMARY = "The two leaders met for talks behind closed doors, with two"
            + " ministers on each side. Their delegations are expected to grow during the day. A possible later"
            + " meeting was mentioned before the talks.";

    /** A short summary: one sentence. */
    public static final String ENGLISH_SHORT_SUMMARY = "The two leaders met for talks behind closed doors, with two"
            + " ministers on each side.";

    /** A long summary: six sentences. */
    public static final String ENGLISH_LONG_SUMMARY = ENGLISH_SUMMARY + " Both sides want to keep a direct channel"
            + " open on the main issues. The talks are confidential. Other officials may join them later.";

    /** A medium summary (three sentences), the length asked by default. */
    public static final String FRENCH_SUMMARY = "Les deux dirigeants se sont retrouvés pour des discussions à huis"
            + " clos, avec deux ministres de chaque camp. Leurs délégations devraient s'élargir au fil de la journée."
            + " Une future rencontre a été évoquée avant les discussions.";

    /** A short summary: one sentence. */
    public static final String FRENCH_SHORT_SUMMARY = "Les deux dirigeants se sont retrouvés pour des discussions à"
            + " huis clos, avec deux ministres de chaque camp.";

    /** A long summary: six sentences. */
    public static final String FRENCH_LONG_SUMMARY = FRENCH_SUMMARY + " Les deux camps veulent garder un canal"
            + " direct sur les grands dossiers. Les échanges sont confidentiels. D'autres responsables pourraient les"
            + " rejoindre.";

    /** The first sentence of every paragraph of an English "translation". */
    public static final String ENGLISH_TRANSLATION = "The talks are being held behind closed doors, in the presence"
            + " of two ministers from each side, and this unusual format reflects the wish of both countries to limit"
            + " media coverage of the discussions.";

    /** The first sentence of every paragraph of a French "translation". */
    public static final String FRENCH_TRANSLATION = "Les discussions se déroulent à huis clos, en présence de deux"
            + " ministres de chaque camp, et cette configuration peu courante traduit la volonté des deux pays de"
            + " limiter la médiatisation des échanges.";

    private static final String ENGLISH_QUOTATION = " “Nothing is settled yet,” one of them said.";
    private static final String FRENCH_QUOTATION = " « Rien n'est encore réglé », a dit l'un d'eux.";
    private static final java.util.regex.Pattern QUOTATION = java.util.regex.Pattern.compile(
            "«[^»]{1,400}?»|“[^”]{1,400}?”|\"[^\"]{1,400}?\"");

    public static final String GERMAN_ANSWER = "Der russische Präsident Wladimir Putin und der amerikanische"
            + " Präsident Donald Trump haben sich am Freitag in Anchorage in Alaska zu Gesprächen hinter"
            + " verschlossenen Türen getroffen.";

    private Texts() {
    }

    /**
     * An English "translation" of an article, as a faithful model would shape it: one paragraph for each of the
     * normalized article's, of a comparable length, with as many quotations.
     */
    public static String englishTranslationOf(String article) {
        return translationOf(article, true);
    }

    /** A French "translation" of an article, shaped like {@link #englishTranslationOf}. */
    public static String frenchTranslationOf(String article) {
        return translationOf(article, false);
    }

    private static final java.util.regex.Pattern SEGMENT = java.util.regex.Pattern.compile("⟦/?\\d+/?⟧|[^⟦\\n]+|\\n");
    private static final String[] WORDS = ("the talks are being held behind closed doors in the presence of two"
            + " ministers from each side and this unusual format reflects the wish of both countries").split(" ");

    /**
     * An English "translation" of an HTML fragment's marked text, as a faithful model writes it: every run of words
     * becomes lower-case English words, every marker and paragraph break stays where it is.
     */
    public static String markedTranslationOf(String marked) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher segment = SEGMENT.matcher(marked);
        int word = 0;
        while (segment.find()) {
            String part = segment.group();
            if (part.startsWith("⟦") || part.equals("\n")) {
                out.append(part);
                continue;
            }
            int count = Math.max(1, part.strip().split("\\s+").length);
            StringBuilder words = new StringBuilder();
            for (int i = 0; i < count; i++) {
                words.append(i == 0 ? "" : " ").append(WORDS[word++ % WORDS.length]);
            }
            out.append(part.startsWith(" ") ? " " : "").append(words).append(part.endsWith(" ") ? " " : "");
        }
        return out.toString();
    }

    /** The canned summary of a length ("short", "medium" or "long"), as a model that keeps to it writes it. */
    public static String summary(boolean english, String length) {
        return switch (length) {
            case "short" -> english ? ENGLISH_SHORT_SUMMARY : FRENCH_SHORT_SUMMARY;
            case "long" -> english ? ENGLISH_LONG_SUMMARY : FRENCH_LONG_SUMMARY;
            default -> english ? ENGLISH_SUMMARY : FRENCH_SUMMARY;
        };
    }

    static String translationOf(String article, boolean english) {
        String sentence = english ? ENGLISH_TRANSLATION : FRENCH_TRANSLATION;
        StringBuilder out = new StringBuilder();
        // The article as the model gets it: normalized, without what the service drops (a photo credit).
        String normalized = new io.precis.article.ArticleNormalizer().normalize(article).text();
        for (String paragraph : normalized.strip().split("\n\\s*\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            // Words of the sentence, over and over, to about the paragraph's length: a heading gets a few words.
            String[] words = sentence.substring(0, sentence.length() - 1).split(" ");
            int start = out.length();
            java.util.regex.Matcher quoted = QUOTATION.matcher(paragraph);
            int quotations = (int) quoted.results().count();
            String quotation = english ? ENGLISH_QUOTATION : FRENCH_QUOTATION;
            int wanted = paragraph.strip().length() * 9 / 10 - quotations * quotation.length();
            for (int i = 0; i < 4 || out.length() - start < wanted; i++) {
                String word = words[i % words.length];
                if (i > 0) {
                    out.append(i % words.length == 0 ? ". " : " ");
                }
                out.append(word);
            }
            out.append('.');
            out.append(quotation.repeat(quotations));
        }
        return out.toString();
    }
}
