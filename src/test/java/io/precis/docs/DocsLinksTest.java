package io.precis.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README and the docs leads somewhere: to a file of the repository and, with a
 * {@code #fragment}, to a heading of that file (GitHub's anchors). Moving a section cannot leave a dead link behind.
 */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

    @Test
    void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            Matcher link = LINK.matcher(withoutCode(Files.readString(document)));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("<")) {
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? document
                        : document.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(document + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(document + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(documents()).contains(Path.of("README.md"), Path.of("docs", "api.md"));
        assertThat(broken).isEmpty();
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertThat(anchor("Deploying on Kubernetes")).isEqualTo("deploying-on-kubernetes");
        assertThat(anchor("The model inside the service (`LLM_PROVIDER=local`)"))
                .isEqualTo("the-model-inside-the-service-llm_providerlocal");
        assertThat(anchor("Several replicas: the shared cache")).isEqualTo("several-replicas-the-shared-cache");
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("examples", "README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    private static Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (Files.isDirectory(file) || !file.toString().endsWith(".md")) {
            return anchors;
        }
        Matcher heading = HEADING.matcher(withoutCode(Files.readString(file)));
        while (heading.find()) {
            anchors.add(anchor(heading.group(1)));
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped but hyphens and underscores, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** The text without fenced code blocks, whose lines are neither links nor headings. */
    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?ms)^```.*?^```", "");
    }
}
