package io.precis.api;

import io.precis.core.ServiceException;
import io.precis.glossary.GlossaryChoice;
import io.precis.glossary.GlossaryLibrary;
import io.precis.task.Glossary;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The glossary fields of a request, checked and turned into the glossary it asks for. */
final class GlossaryOptions {

    static final String GLOSSARY_ID = "A named glossary (GET /api/v1/glossaries), applied for the article's language"
            + " and the language written. Its entries, and the request's own, are part of the cache key.";
    static final String GLOSSARY = "Terms of the article and how to render them, applied in the prompt and checked in"
            + " the output (warning 'glossary-miss'). They win over a named glossary's entries for the same term.";
    static final String DO_NOT_TRANSLATE = "Terms to leave as written (names of newspapers, places, brands);"
            + " checked in a translation.";
    /** Entries one request may give: each goes into the prompt. */
    static final int MAX_ENTRIES = 200;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private GlossaryOptions() {
    }

    /**
     * One entry of a request's glossary.
     *
     * @param source the term as the article writes it
     * @param target how to render it
     */
    @Schema(name = "GlossaryEntry", description = "A term of the article and how to render it.",
            example = "{\"source\": \"Poutine\", \"target\": \"Putin\"}")
    record Entry(
            @Schema(description = "The term as the article writes it.", example = "Poutine") String source,
            @Schema(description = "How to render it.", example = "Putin") String target) {
    }

    /**
     * The glossary a request asks for.
     *
     * @throws ServiceException a field is invalid
     */
    static GlossaryChoice choice(String glossaryId, List<Entry> glossary, List<String> doNotTranslate) {
        if (glossaryId != null && !ID.matcher(glossaryId).matches()) {
            throw ServiceException.invalidField("glossaryId", "must be a glossary's name: lower-case letters,"
                    + " digits, '-' and '_', up to 64");
        }
        List<Glossary.Term> terms = new ArrayList<>();
        if (glossary != null) {
            if (glossary.size() > MAX_ENTRIES) {
                throw ServiceException.invalidField("glossary", "at most " + MAX_ENTRIES + " entries");
            }
            for (int i = 0; i < glossary.size(); i++) {
                Entry entry = glossary.get(i);
                String field = "glossary[" + i + "]";
                if (entry == null || blank(entry.source()) || blank(entry.target())) {
                    throw ServiceException.invalidField(field, "needs a source and a target term");
                }
                term(field + ".source", entry.source());
                term(field + ".target", entry.target());
                terms.add(new Glossary.Term(entry.source(), entry.target()));
            }
        }
        List<String> keep = new ArrayList<>();
        if (doNotTranslate != null) {
            if (doNotTranslate.size() > MAX_ENTRIES) {
                throw ServiceException.invalidField("doNotTranslate", "at most " + MAX_ENTRIES + " terms");
            }
            for (int i = 0; i < doNotTranslate.size(); i++) {
                String term = doNotTranslate.get(i);
                if (blank(term)) {
                    throw ServiceException.invalidField("doNotTranslate[" + i + "]", "must not be blank");
                }
                term("doNotTranslate[" + i + "]", term);
                keep.add(term);
            }
        }
        return new GlossaryChoice(glossaryId, terms, keep);
    }

    private static void term(String field, String term) {
        if (term.strip().length() > GlossaryLibrary.MAX_TERM_CHARS) {
            throw ServiceException.invalidField(field, "at most " + GlossaryLibrary.MAX_TERM_CHARS + " characters");
        }
        if (term.codePoints().anyMatch(GlossaryOptions::unsafe)) {
            throw ServiceException.invalidField(field, "must be one line of visible text: no control or format"
                    + " characters, line or paragraph separators, and none of → ; ⟦ ⟧");
        }
    }

    /**
     * Characters a term may not hold: it is written into the prompt's instruction, entries separated by "; " and
     * source and target by " → ", so a term must not be able to end its entry, start a line or hide text.
     */
    private static boolean unsafe(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || c == '→' || c == ';' || c == '⟦' || c == '⟧';
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
