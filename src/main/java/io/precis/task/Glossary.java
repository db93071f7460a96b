package io.precis.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How a text must render some terms of its article: a glossary's entries and the terms to keep as written. Part of a
 * task, so of its key: two requests that differ only by their glossary are two results. Written in one order
 * whatever the order given, so that the same glossary is the same key.
 *
 * @param terms terms of the article and how to render them, sorted by source term
 * @param keep  terms to leave as written (names of newspapers, places, brands), sorted
 */
public record Glossary(List<Term> terms, List<String> keep) {

    /** No glossary. */
    public static final Glossary NONE = new Glossary(List.of(), List.of());

    public Glossary {
        // One entry per source term, the last one given winning (a request's own entry over a named glossary's).
        Map<String, Term> bySource = new LinkedHashMap<>();
        for (Term term : Objects.requireNonNullElse(terms, List.<Term>of())) {
            bySource.put(term.source().toLowerCase(Locale.ROOT), term);
        }
        List<Term> sorted = new ArrayList<>(bySource.values());
        sorted.sort(Comparator.comparing((Term term) -> term.source().toLowerCase(Locale.ROOT))
                .thenComparing(Term::source));
        terms = List.copyOf(sorted);
        TreeSet<String> kept = new TreeSet<>();
        for (String term : Objects.requireNonNullElse(keep, List.<String>of())) {
            if (term != null && !term.isBlank()) {
                kept.add(term.strip());
            }
        }
        keep = List.copyOf(kept);
    }

    /** Whether it asks nothing. */
    public boolean isEmpty() {
        return terms.isEmpty() && keep.isEmpty();
    }

    /** This glossary's entries, then another's, which win over this one's for the same source term. */
    public Glossary with(Glossary other) {
        List<Term> all = new ArrayList<>(terms);
        all.addAll(other.terms);
        List<String> kept = new ArrayList<>(keep);
        kept.addAll(other.keep);
        return new Glossary(all, kept);
    }

    /**
     * One entry.
     *
     * @param source the term as the article writes it
     * @param target how the text must render it
     */
    public record Term(String source, String target) {

        public Term {
            source = Objects.requireNonNull(source, "source").strip();
            target = Objects.requireNonNull(target, "target").strip();
            if (source.isEmpty() || target.isEmpty()) {
                throw new IllegalArgumentException("A glossary entry needs a source and a target");
            }
        }
    }
}
