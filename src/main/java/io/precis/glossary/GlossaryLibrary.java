package io.precis.glossary;

import io.precis.article.Language;
import io.precis.core.ServiceException;
import io.precis.task.Glossary;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The named glossaries, read once at start-up from {@code GLOSSARY_DIR}: one file per glossary and language pair,
 * {@code NAME.fr-en.tsv} (source TAB target per line) or {@code NAME.fr-en.csv} (source,target, with double quotes
 * around a term that holds a comma), as DeepL takes them. A line whose target equals its source keeps the term as
 * written. Read at start-up, off the request threads: a file that cannot be read stops the start, naming the file and
 * line.
 */
@Startup
@Singleton
public class GlossaryLibrary {

    /** Entries one glossary file may hold: each is sent in the prompt of every task that uses it. */
    static final int MAX_ENTRIES = 1000;
    /** Longest term, in characters. */
    public static final int MAX_TERM_CHARS = 200;
    private static final Logger LOG = Logger.getLogger(GlossaryLibrary.class);
    private static final Pattern FILE = Pattern.compile("([a-z0-9][a-z0-9_-]{0,63})\\.([a-z]{2})-([a-z]{2})\\.(tsv|csv)");

    private final List<Named> glossaries;

    public GlossaryLibrary(GlossaryConfig config) {
        this.glossaries = config.dir().map(GlossaryLibrary::load).orElse(List.of());
        if (!glossaries.isEmpty()) {
            LOG.infof("Glossaries: %s", String.join(", ", glossaries.stream()
                    .map(g -> g.id() + " (" + g.source().code() + "-" + g.target().code() + ", "
                            + g.glossary().terms().size() + " entries)").toList()));
        }
    }

    /**
     * A named glossary for one language pair.
     *
     * @param id       its name
     * @param source   the language of its source terms
     * @param target   the language of its renderings
     * @param glossary its entries
     */
    public record Named(String id, Language source, Language target, Glossary glossary) {
    }

    /** Every named glossary, by id then language pair. */
    public List<Named> all() {
        return glossaries;
    }

    /**
     * Refuses a choice that names no known glossary.
     *
     * @throws ServiceException an invalid {@code glossaryId}
     */
    public void check(GlossaryChoice choice) {
        if (choice.id() != null && glossaries.stream().noneMatch(g -> g.id().equals(choice.id()))) {
            throw ServiceException.invalidField("glossaryId", "no glossary is named '" + choice.id() + "'; GET"
                    + " /api/v1/glossaries lists them");
        }
    }

    /**
     * The glossary of a choice for a language pair: the named glossary's entries for that pair (none when it has no
     * file for the pair), then the request's own entries.
     */
    public Glossary resolve(GlossaryChoice choice, Language source, Language target) {
        Glossary named = choice.id() == null ? Glossary.NONE : glossaries.stream()
                .filter(g -> g.id().equals(choice.id()) && g.source() == source && g.target() == target)
                .map(Named::glossary).findFirst().orElse(Glossary.NONE);
        return named.with(choice.own());
    }

    private static List<Named> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("GLOSSARY_DIR " + dir + " is not a directory");
        }
        List<Named> loaded = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                Matcher matcher = FILE.matcher(name);
                if (!matcher.matches()) {
                    if (!name.startsWith(".")) {
                        // A Kubernetes ConfigMap volume holds ..data links; anything else is worth a word.
                        LOG.warnf("Ignoring %s in GLOSSARY_DIR: not named NAME.fr-en.tsv or NAME.fr-en.csv", name);
                    }
                    continue;
                }
                Language source = language(matcher.group(2), file);
                Language target = language(matcher.group(3), file);
                if (source == target) {
                    throw new IllegalStateException("Glossary " + file + " maps a language to itself");
                }
                loaded.add(new Named(matcher.group(1), source, target, read(file, matcher.group(4).equals("csv"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read GLOSSARY_DIR " + dir, e);
        }
        loaded.sort(Comparator.comparing(Named::id).thenComparing(g -> g.source().code())
                .thenComparing(g -> g.target().code()));
        return List.copyOf(loaded);
    }

    private static Language language(String code, Path file) {
        return Stream.of(Language.values()).filter(l -> l.code().equals(code.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Glossary " + file + ": no supported language '" + code
                        + "'"));
    }

    private static Glossary read(Path file, boolean csv) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Glossary.Term> terms = new ArrayList<>();
        List<String> keep = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\uFEFF", "");
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = csv ? csvFields(line) : List.of(line.split("\t", -1));
            if (fields.size() < 2 || fields.get(0).isBlank() || fields.get(1).isBlank()) {
                throw new IllegalStateException("Glossary " + file + " line " + (i + 1) + ": expected a source and a"
                        + " target term, separated by " + (csv ? "a comma" : "a tab"));
            }
            String source = fields.get(0).strip();
            String target = fields.get(1).strip();
            if (source.length() > MAX_TERM_CHARS || target.length() > MAX_TERM_CHARS) {
                throw new IllegalStateException("Glossary " + file + " line " + (i + 1) + ": a term is longer than "
                        + MAX_TERM_CHARS + " characters");
            }
            if (source.equals(target)) {
                keep.add(source);
            } else {
                terms.add(new Glossary.Term(source, target));
            }
        }
        if (terms.size() + keep.size() > MAX_ENTRIES) {
            throw new IllegalStateException("Glossary " + file + " has " + (terms.size() + keep.size())
                    + " entries; at most " + MAX_ENTRIES + " are allowed");
        }
        return new Glossary(terms, keep);
    }

    /** The fields of a CSV line: separated by commas, a field in double quotes may hold commas and doubled quotes. */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
