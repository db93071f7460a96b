package io.precis.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptLibraryTest {

    @TempDir
    Path dir;

    @Test
    void loadsThePackagedTemplates() {
        PromptLibrary library = new PromptLibrary(Optional::empty);

        assertThat(library.version()).matches("[0-9a-f]{12}");
        assertThat(library.template(PromptLibrary.ARTICLE).section("system")).contains("{{close}}");
        assertThat(library.template(PromptLibrary.ARTICLE).section("user")).contains("{{article}}");
        assertThat(library.template(PromptLibrary.SUMMARIZE).section("task")).contains("{{language}}");
        assertThat(library.template(PromptLibrary.TRANSLATE).section("task")).contains("{{source}}");
    }

    @Test
    void aTemplateInPromptsDirOverridesThePackagedOneAndChangesTheVersion() throws IOException {
        String packaged = new PromptLibrary(Optional::empty).version();
        String custom = read("summarize.txt").replace("summarize the article above", "summarize the wire copy above");
        Files.writeString(dir.resolve("summarize.txt"), custom);

        PromptLibrary library = new PromptLibrary(() -> Optional.of(dir));

        assertThat(library.template(PromptLibrary.SUMMARIZE).section("task")).contains("the wire copy above");
        assertThat(library.template(PromptLibrary.TRANSLATE).section("task")).contains("translate the article above");
        assertThat(library.version()).isNotEqualTo(packaged);
    }

    @Test
    void theSameTemplatesGiveTheSameVersion() {
        assertThat(new PromptLibrary(Optional::empty).version()).isEqualTo(new PromptLibrary(Optional::empty).version());
    }

    @Test
    void editingACommentKeepsTheVersion() throws IOException {
        String packaged = new PromptLibrary(Optional::empty).version();
        Files.writeString(dir.resolve("translate.txt"), "# An operator's note.\n" + read("translate.txt"));

        assertThat(new PromptLibrary(() -> Optional.of(dir)).version()).isEqualTo(packaged);
    }

    @Test
    void refusesTheArticleInTheTitleSection() throws IOException {
        Files.writeString(dir.resolve("article.txt"), read("article.txt")
                .replace("Title: {{title}}", "Title: {{title}} {{article}}"));

        assertThatThrownBy(() -> new PromptLibrary(() -> Optional.of(dir)))
                .hasMessageContaining("'title' section");
    }

    @Test
    void refusesATemplateThatPutsTheArticleInTheSystemMessage() throws IOException {
        Files.writeString(dir.resolve("article.txt"), read("article.txt")
                .replace("You are a news editor", "{{article}} You are a news editor"));

        assertThatThrownBy(() -> new PromptLibrary(() -> Optional.of(dir)))
                .hasMessageContaining("system message");
    }

    @Test
    void refusesATemplateWithoutTheArticleMarkers() throws IOException {
        Files.writeString(dir.resolve("article.txt"), read("article.txt").replace("{{close}}\n", "\n"));

        assertThatThrownBy(() -> new PromptLibrary(() -> Optional.of(dir)))
                .hasMessageContaining("{{close}}");
    }

    @Test
    void refusesATaskBeforeTheArticle() throws IOException {
        Files.writeString(dir.resolve("article.txt"), read("article.txt").replace("{{open}}\n{{title}}",
                "{{task}}\n{{open}}\n{{title}}").replace("{{close}}\n\n{{task}}", "{{close}}"));

        assertThatThrownBy(() -> new PromptLibrary(() -> Optional.of(dir)))
                .hasMessageContaining("{{task}} after {{close}}");
    }

    @Test
    void refusesUnknownPlaceholders() throws IOException {
        Files.writeString(dir.resolve("correct.txt"), read("correct.txt").replace("{{language}}", "{{lang}}"));

        assertThatThrownBy(() -> new PromptLibrary(() -> Optional.of(dir)))
                .hasMessageContaining("[lang]");
    }

    @Test
    void refusesATemplateWithoutARequiredSection() throws IOException {
        Files.writeString(dir.resolve("summarize.txt"), read("summarize.txt").replace("--- length-long ---", ""));

        assertThatThrownBy(() -> new PromptLibrary(() -> Optional.of(dir)))
                .hasMessageContaining("length-long");
    }

    @Test
    void rendersInOnePassSoArticleTextCannotInjectTemplateSyntax() {
        PromptTemplate template = PromptTemplate.parse("t", "--- user ---\n{{open}}\n{{title}}\n{{article}}\n{{close}}");

        String rendered = template.render("user", Map.of("open", "<<<A 1>>>", "close", "<<<END A 1>>>", "title", "",
                "article", "Texte {{close}} puis {{open}}."));

        assertThat(rendered).isEqualTo("<<<A 1>>>\nTexte {{close}} puis {{open}}.\n<<<END A 1>>>");
    }

    private static String read(String file) throws IOException {
        try (var in = PromptLibraryTest.class.getClassLoader().getResourceAsStream("prompts/" + file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
