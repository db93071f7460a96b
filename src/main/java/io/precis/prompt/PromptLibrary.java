package io.precis.prompt;

import io.precis.core.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The prompt templates in use, read once at start-up: packaged from the top-level {@code prompts/} folder, each one
 * overridable by a file of the same name in {@code PROMPTS_DIR}.
 *
 * <p>The {@linkplain #version() version} is a hash of the templates in use, so that a changed prompt never serves an
 * answer cached under the old one.
 */
@ApplicationScoped
public class PromptLibrary {

    /** Summary of one article. */
    public static final String SUMMARIZE = "summarize";
    /** Full translation of one article. */
    public static final String TRANSLATE = "translate";
    /** The messages around every task's article: the same for every task of one article, then its task. */
    public static final String ARTICLE = "article";
    /** Corrective turn after an unusable answer. */
    public static final String CORRECT = "correct";

    private static final Logger LOG = Logger.getLogger(PromptLibrary.class);

    /** What each template must provide: its sections, and the placeholders each section may use. */
    private static final Map<String, Map<String, Set<String>>> SPECS = Map.of(
            ARTICLE, Map.of(
                    "system", Set.of("open", "close"),
                    "user", Set.of("open", "close", "title", "article", "task"),
                    "title", Set.of("title")),
            SUMMARIZE, Map.of(
                    "task", Set.of("language", "length", "glossary"),
                    "glossary", Set.of("terms"),
                    "keep", Set.of("keep"),
                    "length-short", Set.of(),
                    "length-medium", Set.of(),
                    "length-long", Set.of()),
            TRANSLATE, Map.of(
                    "task", Set.of("source", "language", "format", "glossary"),
                    "format-html", Set.of(),
                    "glossary", Set.of("terms"),
                    "keep", Set.of("keep")),
            CORRECT, Map.of(
                    "user", Set.of("language", "task", "reason"),
                    "defects", Set.of("language", "task", "defects"),
                    "defect", Set.of("detail", "excerpt"),
                    "defect-in-article", Set.of("detail")));
    private static final Set<String> ARTICLE_PLACEHOLDERS = Set.of("open", "article", "close");

    private final Map<String, PromptTemplate> templates;
    private final String version;

    public PromptLibrary(PromptConfig config) {
        Map<String, PromptTemplate> loaded = new LinkedHashMap<>();
        for (String name : List.of(ARTICLE, CORRECT, SUMMARIZE, TRANSLATE)) {
            PromptTemplate template = PromptTemplate.parse(name, read(name, config.dir().orElse(null)));
            validate(template);
            loaded.put(name, template);
        }
        this.templates = Map.copyOf(loaded);
        this.version = versionOf(loaded.values());
        LOG.infof("Prompt templates loaded (promptVersion %s)", version);
    }

    /**
     * A hash of the templates in use: 12 hex digits of the SHA-256 of their names and sections. Comments are not
     * part of it, so editing one does not empty the cache.
     */
    public String version() {
        return version;
    }

    public PromptTemplate template(String name) {
        PromptTemplate template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("No prompt template named " + name);
        }
        return template;
    }

    static String versionOf(java.util.Collection<PromptTemplate> templates) {
        StringBuilder all = new StringBuilder();
        templates.stream().sorted(java.util.Comparator.comparing(PromptTemplate::name)).forEach(t -> {
            all.append(t.name()).append('\0');
            t.sections().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> all.append(e.getKey()).append('\0').append(e.getValue()).append('\0'));
        });
        return Sha256.hex(all.toString()).substring(0, 12);
    }

    private static String read(String name, Path dir) {
        String file = name + ".txt";
        if (dir != null) {
            Path override = dir.resolve(file);
            if (Files.isRegularFile(override)) {
                try {
                    LOG.infof("Prompt '%s' read from %s", name, override);
                    return Files.readString(override, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read prompt template " + override, e);
                }
            }
        }
        try (InputStream in = PromptLibrary.class.getClassLoader().getResourceAsStream("prompts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Packaged prompt template prompts/" + file + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void validate(PromptTemplate template) {
        Map<String, Set<String>> spec = SPECS.get(template.name());
        for (Map.Entry<String, Set<String>> section : new java.util.TreeMap<>(spec).entrySet()) {
            if (!template.hasSection(section.getKey())) {
                throw new IllegalStateException("Prompt template '" + template.name() + "' lacks its '--- "
                        + section.getKey() + " ---' section");
            }
            Set<String> unknown = new java.util.TreeSet<>(template.placeholders(section.getKey()));
            unknown.removeAll(section.getValue());
            if (!unknown.isEmpty()) {
                String hint = section.getKey().equals("system") && (unknown.contains("article")
                        || unknown.contains("title")) ? "; keep the article out of the system message" : "";
                throw new IllegalStateException("Prompt template '" + template.name() + "' uses " + unknown
                        + " in its '" + section.getKey() + "' section, which may only use "
                        + new java.util.TreeSet<>(section.getValue()) + hint);
            }
        }
        if (template.hasSection("system") && !template.placeholders("user").containsAll(ARTICLE_PLACEHOLDERS)) {
            throw new IllegalStateException("Prompt template '" + template.name()
                    + "' must carry {{open}}, {{article}} and {{close}} in its user section");
        }
        if (template.name().equals(ARTICLE)) {
            String user = template.section("user");
            // The task after the article: what comes first is read once for every task of an article, and the last
            // word, after the closing marker, is the service's.
            if (user.indexOf("{{task}}") < user.indexOf("{{close}}")) {
                throw new IllegalStateException("Prompt template 'article' must carry {{task}} after {{close}} in its"
                        + " user section");
            }
        }
    }
}
