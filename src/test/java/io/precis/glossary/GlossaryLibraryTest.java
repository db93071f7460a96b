package io.precis.glossary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.article.Language;
import io.precis.core.ServiceException;
import io.precis.task.Glossary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlossaryLibraryTest {

    @TempDir
    Path dir;

    @Test
    void readsTsvAndCsvFilesPerLanguagePairWithKeptTermsAndQuotedCommas() {
        GlossaryLibrary library = new GlossaryLibrary(() -> Optional.of(Path.of("src/test/resources/glossaries")));

        assertThat(library.all()).extracting(GlossaryLibrary.Named::id, g -> g.source(), g -> g.target())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("newsroom", Language.EN, Language.FR),
                        org.assertj.core.groups.Tuple.tuple("newsroom", Language.FR, Language.EN));
        Glossary frEn = library.resolve(new GlossaryChoice("newsroom", List.of(), List.of()), Language.FR,
                Language.EN);
        assertThat(frEn.terms()).containsExactly(new Glossary.Term("bannière étoilée", "Star-Spangled Banner"),
                new Glossary.Term("Poutine", "Putin"));
        assertThat(frEn.keep()).containsExactly("Elmendorf-Richardson");
        Glossary enFr = library.resolve(new GlossaryChoice("newsroom", List.of(), List.of()), Language.EN,
                Language.FR);
        assertThat(enFr.terms()).contains(new Glossary.Term("Putin, Vladimir", "Poutine, Vladimir"));
    }

    @Test
    void aRequestsOwnEntryWinsOverTheNamedGlossarysForTheSameTerm() {
        GlossaryLibrary library = new GlossaryLibrary(() -> Optional.of(Path.of("src/test/resources/glossaries")));

        Glossary glossary = library.resolve(new GlossaryChoice("newsroom",
                List.of(new Glossary.Term("poutine", "Vladimir Putin")), List.of("Le Monde")), Language.FR,
                Language.EN);

        assertThat(glossary.terms()).extracting(Glossary.Term::target).contains("Vladimir Putin")
                .doesNotContain("Putin");
        assertThat(glossary.keep()).containsExactly("Elmendorf-Richardson", "Le Monde");
    }

    @Test
    void aPairWithoutAFileGetsOnlyTheRequestsOwnEntriesAndAnUnknownNameIsRefused() {
        GlossaryLibrary library = new GlossaryLibrary(() -> Optional.of(Path.of("src/test/resources/glossaries")));

        assertThat(library.resolve(new GlossaryChoice("newsroom", List.of(), List.of()), Language.FR, Language.FR)
                .isEmpty()).isTrue();
        assertThatThrownBy(() -> library.check(new GlossaryChoice("sports", List.of(), List.of())))
                .isInstanceOf(ServiceException.class).hasMessageContaining("glossaryId");
    }

    @Test
    void theGlossaryShippedInTheManifestsLoads() {
        GlossaryLibrary library = new GlossaryLibrary(() -> Optional.of(Path.of("k8s/base/glossaries")));

        assertThat(library.all()).extracting(GlossaryLibrary.Named::id).containsExactly("newsroom");
        assertThat(library.all().get(0).glossary().terms()).contains(new Glossary.Term("Poutine", "Putin"));
    }

    @Test
    void refusesToStartOnALineWithoutATargetNamingTheFileAndLine() throws IOException {
        Files.writeString(dir.resolve("desk.fr-en.tsv"), "Poutine\tPutin\nMacron\n");

        assertThatThrownBy(() -> new GlossaryLibrary(() -> Optional.of(dir)))
                .hasMessageContaining("desk.fr-en.tsv line 2");
    }

    @Test
    void ignoresFilesNotNamedAsAGlossaryAndTheConfigMapsOwnLinks() throws IOException {
        Files.writeString(dir.resolve("README.txt"), "not a glossary");
        Files.createDirectory(dir.resolve("..data"));
        Files.writeString(dir.resolve("desk.fr-en.csv"), "\uFEFFPoutine,Putin\n");

        GlossaryLibrary library = new GlossaryLibrary(() -> Optional.of(dir));

        assertThat(library.all()).extracting(GlossaryLibrary.Named::id).containsExactly("desk");
        assertThat(library.all().get(0).glossary().terms()).containsExactly(new Glossary.Term("Poutine", "Putin"));
    }
}
