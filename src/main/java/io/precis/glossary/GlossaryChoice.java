package io.precis.glossary;

import io.precis.task.Glossary;
import java.util.List;
import java.util.Objects;

/**
 * The glossary a request asks for: a named one, by id, and entries of its own, which win over the named one's for
 * the same term.
 *
 * @param id    a named glossary's id, or null
 * @param terms the request's own entries
 * @param keep  the request's terms to keep as written
 */
public record GlossaryChoice(String id, List<Glossary.Term> terms, List<String> keep) {

    /** No glossary. */
    public static final GlossaryChoice NONE = new GlossaryChoice(null, List.of(), List.of());

    public GlossaryChoice {
        id = id == null || id.isBlank() ? null : id.strip();
        terms = List.copyOf(Objects.requireNonNullElse(terms, List.of()));
        keep = List.copyOf(Objects.requireNonNullElse(keep, List.of()));
    }

    /** The request's own entries, as a glossary. */
    Glossary own() {
        return new Glossary(terms, keep);
    }
}
