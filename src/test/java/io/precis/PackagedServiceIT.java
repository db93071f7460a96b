package io.precis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the packaged service (target/quarkus-app) ships: the service, and none of the tools around it. The evaluation
 * program and the benchmark's baseline run from the test classpath; in the jar they would be code every pod loads
 * and nobody calls.
 */
class PackagedServiceIT {

    private static List<String> classes;

    @BeforeAll
    static void readTheApplicationJars() throws IOException {
        Path app = Path.of(System.getProperty("precis.jar", "target/quarkus-app/quarkus-run.jar"))
                .resolveSibling("app");
        classes = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(app, "*.jar")) {
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    file.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")).forEach(classes::add);
                }
            }
        }
    }

    @Test
    void shipsTheService() {
        assertThat(classes).contains("io/precis/digest/DigestService.class");
    }

    @Test
    void shipsNoEvaluation() {
        assertThat(classes).filteredOn(name -> name.startsWith("io/precis/quality/")).isEmpty();
        assertThat(classes).doesNotContain("io/precis/Main.class");
    }

    @Test
    void shipsNoBenchmarkBaseline() {
        assertThat(classes).filteredOn(name -> name.startsWith("io/precis/bench/")).isEmpty();
    }
}
