package io.precis.testing;

/** Canned model answers, in real English and French so that the service's language check accepts them. */
public final class Texts {

    public static final String ENGLISH_SUMMARY = "Russian President Vladimir Putin and US President Donald Trump met"
            + " on Friday in Anchorage, Alaska, for closed-door talks attended by two ministers from each side. A"
            + " possible later meeting with the Ukrainian president was mentioned before the summit.";

    public static final String FRENCH_SUMMARY = "Vladimir Poutine et Donald Trump se sont retrouvés vendredi à"
            + " Anchorage, en Alaska, pour des discussions à huis clos en présence de deux ministres de chaque camp."
            + " Une future rencontre avec le président ukrainien a été évoquée avant le sommet.";

    public static final String ENGLISH_TRANSLATION = "Russian President Vladimir Putin and US President Donald"
            + " Trump met on Friday in Anchorage, Alaska, for a new bilateral exchange.\n\nThe talks are being"
            + " held behind closed doors, in the presence of two ministers from each side. This unusual format"
            + " reflects the wish of both countries to limit media coverage of the discussions.";

    public static final String FRENCH_TRANSLATION = "Le président russe Vladimir Poutine et le président américain"
            + " Donald Trump se sont retrouvés vendredi à Anchorage, en Alaska.\n\nLes discussions se déroulent à"
            + " huis clos, en présence de deux ministres de chaque camp.";

    public static final String GERMAN_ANSWER = "Der russische Präsident Wladimir Putin und der amerikanische"
            + " Präsident Donald Trump haben sich am Freitag in Anchorage in Alaska zu Gesprächen hinter"
            + " verschlossenen Türen getroffen.";

    private Texts() {
    }

    /** An English "translation" of about the article's length: {@link #ENGLISH_TRANSLATION}, repeated. */
    public static String englishTranslationOf(String article) {
        return scaled(ENGLISH_TRANSLATION, article.length());
    }

    /** A French "translation" of about the article's length: {@link #FRENCH_TRANSLATION}, repeated. */
    public static String frenchTranslationOf(String article) {
        return scaled(FRENCH_TRANSLATION, article.length());
    }

    /** The text repeated, paragraph after paragraph, until it is three quarters of the wanted length. */
    static String scaled(String text, int wanted) {
        StringBuilder out = new StringBuilder(text);
        while (out.length() < wanted * 3 / 4) {
            out.append("\n\n").append(text);
        }
        return out.toString();
    }
}
