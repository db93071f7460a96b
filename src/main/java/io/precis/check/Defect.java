package io.precis.check;

import io.precis.task.Warning;

/** What the output checks find wrong in a text; each is a warning code of the API. */
public enum Defect {
    /** A number, date, percentage or amount that the article does not have. */
    NUMBER_NOT_IN_SOURCE("number-not-in-source"),
    /** A name of a person, place or organisation that the article does not have. */
    NAME_NOT_IN_SOURCE("name-not-in-source"),
    /** A paragraph of the article that the translation left out. */
    PARAGRAPH_MISSING("paragraph-missing"),
    /** A paragraph of the translation that the article does not have. */
    PARAGRAPH_ADDED("paragraph-added"),
    /** A paragraph much shorter or longer than the article's. */
    PARAGRAPH_LENGTH("paragraph-length"),
    /** A quotation of the article that the translation lost. */
    QUOTATION_MISSING("quotation-missing"),
    /** A paragraph of the translation still in the article's language. */
    UNTRANSLATED_PARAGRAPH("untranslated-paragraph"),
    /** A summary longer than asked. */
    SUMMARY_TOO_LONG("summary-too-long"),
    /** A summary much shorter than asked. */
    SUMMARY_TOO_SHORT("summary-too-short"),
    /** A term of the glossary not rendered as the glossary says, or a term to keep not kept. */
    GLOSSARY_MISS("glossary-miss");

    private final String code;

    Defect(String code) {
        this.code = code;
    }

    /** The code in warnings and metrics. */
    public String code() {
        return code;
    }

    Warning warning(String detail, String excerpt) {
        return new Warning(code, detail, excerpt);
    }
}
