package io.precis.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One prompt template file: named sections ({@code --- system ---}, {@code --- user ---}, ...) holding text with
 * {@code {{placeholder}}} variables.
 *
 * <p>Rendering is a single pass over the template: a value is inserted as it is and never scanned again, so an article
 * that contains {@code {{close}}} or any other placeholder text cannot inject template syntax. A line that held only
 * a placeholder whose value is empty is dropped.
 */
public final class PromptTemplate {

    private static final Pattern SECTION = Pattern.compile("^--- ([a-z0-9-]+) ---$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private final String name;
    private final Map<String, String> sections;

    private PromptTemplate(String name, Map<String, String> sections) {
        this.name = name;
        this.sections = Collections.unmodifiableMap(sections);
    }

    /** Parses a template; lines before the first section header are comments. */
    public static PromptTemplate parse(String name, String source) {
        Map<String, String> sections = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : source.replace("\r\n", "\n").split("\n", -1)) {
            Matcher header = SECTION.matcher(line.strip());
            if (header.matches()) {
                if (current != null) {
                    sections.put(current, body.toString().strip());
                }
                current = header.group(1);
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.put(current, body.toString().strip());
        }
        return new PromptTemplate(name, sections);
    }

    public String name() {
        return name;
    }

    /** The raw text of a section. */
    public String section(String section) {
        String text = sections.get(section);
        if (text == null) {
            throw new IllegalStateException("Prompt template '" + name + "' has no section '" + section + "'");
        }
        return text;
    }

    /** All sections by name. */
    public Map<String, String> sections() {
        return sections;
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /** The placeholders a section uses. */
    public Set<String> placeholders(String section) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(section(section));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Renders a section with the given values; every placeholder must have one. */
    public String render(String section, Map<String, String> values) {
        String text = section(section);
        StringBuilder out = new StringBuilder(text.length() + 256);
        for (String line : text.split("\n", -1)) {
            Matcher matcher = PLACEHOLDER.matcher(line);
            StringBuilder rendered = new StringBuilder(line.length());
            boolean onlyPlaceholders = true;
            int last = 0;
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    throw new IllegalArgumentException(
                            "No value for {{" + matcher.group(1) + "}} in prompt '" + name + "'");
                }
                onlyPlaceholders &= line.substring(last, matcher.start()).isBlank();
                rendered.append(line, last, matcher.start()).append(value);
                last = matcher.end();
            }
            onlyPlaceholders &= last > 0 && line.substring(last).isBlank();
            rendered.append(line, last, line.length());
            if (onlyPlaceholders && rendered.toString().isBlank()) {
                continue;
            }
            out.append(rendered).append('\n');
        }
        return out.toString().strip();
    }
}
