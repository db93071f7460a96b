package io.precis.prompt;

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
    /** Corrective turn after an unusable answer. */
    public static final String CORRECT = "correct";

    private static final Logger LOG = Logger.getLogger(PromptLibrary.class);

    /** What each template must provide (its sections) and may use (its placeholders). */
    private static final Map<String, Spec> SPECS = Map.of(
            SUMMARIZE, new Spec(List.of("system", "user", "title", "length-short", "length-medium", "length-long"),
                    Set.of("language", "length", "open", "close", "title", "article")),
            TRANSLATE, new Spec(List.of("system", "user", "title"),
                    Set.of("source", "language", "open", "close", "title", "article")),
            CORRECT, new Spec(List.of("user"), Set.of("language", "task")));
    private static final Set<String> ARTICLE_PLACEHOLDERS = Set.of("open", "article", "close");

    private final Map<String, PromptTemplate> templates;
    private final String version;

    public PromptLibrary(PromptConfig config) {
        Map<String, PromptTemplate> loaded = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (String name : List.of(CORRECT, SUMMARIZE, TRANSLATE)) {
            String source = read(name, config.dir().orElse(null));
            PromptTemplate template = PromptTemplate.parse(name, source);
            validate(template);
            loaded.put(name, template);
            sources.put(name, source);
        }
        this.templates = Map.copyOf(loaded);
        this.version = versionOf(sources);
        LOG.infof("Prompt templates loaded (promptVersion %s)", version);
    }

    /** A hash of the templates in use: 12 hex digits of the SHA-256 of their names and contents. */
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

    static String versionOf(Map<String, String> sources) {
        StringBuilder all = new StringBuilder();
        sources.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> all.append(e.getKey()).append('\0').append(e.getValue()).append('\0'));
        return io.precis.article.ArticleNormalizer.sha256(all.toString()).substring(0, 12);
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
        Spec spec = SPECS.get(template.name());
        for (String section : spec.sections()) {
            if (!template.hasSection(section)) {
                throw new IllegalStateException(
                        "Prompt template '" + template.name() + "' lacks its '--- " + section + " ---' section");
            }
            Set<String> unknown = new java.util.TreeSet<>(template.placeholders(section));
            unknown.removeAll(spec.placeholders());
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("Prompt template '" + template.name() + "' uses unknown placeholders "
                        + unknown + " in section '" + section + "'; it may use " + new java.util.TreeSet<>(
                                spec.placeholders()));
            }
        }
        if (template.hasSection("system")) {
            Set<String> inSystem = template.placeholders("system");
            if (inSystem.contains("article") || inSystem.contains("title")) {
                throw new IllegalStateException("Prompt template '" + template.name()
                        + "' puts article text in the system message; keep it in the user message");
            }
            Set<String> inUser = template.placeholders("user");
            if (!inUser.containsAll(ARTICLE_PLACEHOLDERS)) {
                throw new IllegalStateException("Prompt template '" + template.name()
                        + "' must carry {{open}}, {{article}} and {{close}} in its user section");
            }
        }
    }

    private record Spec(List<String> sections, Set<String> placeholders) {
    }
}
