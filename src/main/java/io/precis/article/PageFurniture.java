package io.precis.article;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognizes the lines that scraping drags along with an article: sharing and follow prompts, comment forms,
 * newsletter offers, cookie notices, "most read" lists, photo credits.
 *
 * <p>The patterns are data, in {@code furniture.txt} next to this class, so that a new site's furniture is one line
 * to add. Each pattern matches a whole line, case-insensitively. Plain patterns apply anywhere; {@code edge:}
 * patterns only outside the article's body; {@code list:} patterns head a list of links whose short lines are
 * furniture too.
 */
final class PageFurniture {

    private final List<Pattern> anywhere;
    private final List<Pattern> edge;
    private final List<Pattern> listHeadings;

    private PageFurniture(List<Pattern> anywhere, List<Pattern> edge, List<Pattern> listHeadings) {
        this.anywhere = List.copyOf(anywhere);
        this.edge = List.copyOf(edge);
        this.listHeadings = List.copyOf(listHeadings);
    }

    /** Loads the patterns packaged with the service. */
    static PageFurniture load() {
        try (InputStream in = PageFurniture.class.getResourceAsStream("furniture.txt")) {
            if (in == null) {
                throw new IllegalStateException("furniture.txt is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PageFurniture parse(String spec) {
        List<Pattern> anywhere = new ArrayList<>();
        List<Pattern> edge = new ArrayList<>();
        List<Pattern> headings = new ArrayList<>();
        for (String raw : spec.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<Pattern> target = anywhere;
            if (line.startsWith("edge:")) {
                target = edge;
                line = line.substring("edge:".length()).strip();
            } else if (line.startsWith("list:")) {
                target = headings;
                line = line.substring("list:".length()).strip();
            }
            target.add(Pattern.compile(line, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return new PageFurniture(anywhere, edge, headings);
    }

    /** Whether a line is furniture wherever it stands. */
    boolean isFurniture(String line) {
        return matchesAny(anywhere, line);
    }

    /** Whether a line before or after the article's body is furniture. */
    boolean isEdgeFurniture(String line) {
        return matchesAny(anywhere, line) || matchesAny(edge, line);
    }

    /** Whether a line heads a list of links to other stories. */
    boolean isListHeading(String line) {
        return matchesAny(listHeadings, line);
    }

    private static boolean matchesAny(List<Pattern> patterns, String line) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }
}
