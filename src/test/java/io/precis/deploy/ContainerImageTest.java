package io.precis.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image Jib builds (application.properties), the one Dockerfile.jvm builds for Docker users, and the one the
 * Kubernetes manifests run are the same image: same base, user, ports, JVM options, name and tag. What Jib actually
 * builds is checked by .ci/image-check, which needs a registry.
 */
class ContainerImageTest {

    @Test
    void jibAndTheDockerfileBuildTheSameImageAndTheManifestsRunIt() throws IOException {
        Properties build = buildProperties();
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));

        assertThat(single(dockerfile, "(?m)^FROM (\\S+)$")).isEqualTo(build.getProperty("quarkus.jib.base-jvm-image"));
        assertThat(last(dockerfile, "(?m)^USER (\\S+)$")).isEqualTo(build.getProperty("quarkus.jib.user"));
        assertThat(Arrays.asList(single(dockerfile, "(?m)^EXPOSE (.+)$").split(" ")))
                .isEqualTo(Arrays.asList(build.getProperty("quarkus.jib.ports").split(",")));
        assertThat(single(dockerfile, "(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]+)\"$"))
                .isEqualTo(build.getProperty("quarkus.jib.environment-variables.\"JAVA_OPTS_APPEND\""));
        assertThat(single(dockerfile, "(?m)^ENV JAVA_APP_JAR=\"([^\"]+)\"$"))
                .isEqualTo(build.getProperty("quarkus.jib.environment-variables.\"JAVA_APP_JAR\""))
                .startsWith(build.getProperty("quarkus.jib.working-directory") + "/");
        assertThat(single(dockerfile, "(?m)^ENTRYPOINT \\[ \"([^\"]+)\" \\]$"))
                .isEqualTo(build.getProperty("quarkus.jib.jvm-entrypoint"));

        String kustomization = Files.readString(Path.of("k8s/base/kustomization.yaml"));
        assertThat(single(kustomization, "(?m)^\\s+newName: (\\S+)$")).isEqualTo(build.getProperty(
                "quarkus.container-image.registry") + "/" + build.getProperty("quarkus.container-image.group") + "/"
                + build.getProperty("quarkus.container-image.name"));
        assertThat(single(kustomization, "(?m)^\\s+newTag: (\\S+)$"))
                .isEqualTo(build.getProperty("quarkus.container-image.tag"));
    }

    @Test
    void bothImagesStartFromAClassDataArchiveTheirOwnJvmMade() throws IOException {
        Properties build = buildProperties();
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));

        // Jib's archive is made in a container of its base image whenever the image is built, never otherwise: a
        // plain package needs no container engine.
        assertThat(build.getProperty("quarkus.package.jar.aot.enabled"))
                .isEqualTo("${quarkus.container-image.build:${quarkus.container-image.push:false}}");
        assertThat(build.getProperty("quarkus.package.jar.appcds.use-container")).isNull();
        assertThat(build.getProperty("quarkus.package.jar.appcds.enabled")).isNull();

        // The Dockerfile's archive is made by the image's own JVM, for the jar as run-java.sh names it, and used.
        String run = single(dockerfile, "(?ms)^RUN (java .+?)(?<!\\\\)$").replaceAll("\\\\\\s+", " ");
        String archive = single(run, "-XX:ArchiveClassesAtExit=(\\S+)");
        assertThat(run).contains("-jar " + build.getProperty("quarkus.jib.environment-variables.\"JAVA_APP_JAR\"")
                + " ");
        assertThat(archive).startsWith(build.getProperty("quarkus.jib.working-directory") + "/");
        assertThat(single(dockerfile, "(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]+)\"$"))
                .isEqualTo("-XX:SharedArchiveFile=" + archive);
    }

    private static Properties buildProperties() throws IOException {
        Properties build = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            build.load(reader);
        }
        return build;
    }

    private static String last(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        String value = null;
        while (matcher.find()) {
            value = matcher.group(1);
        }
        assertThat(value).as(regex).isNotNull();
        return value;
    }

    private static String single(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        String value = matcher.group(1);
        assertThat(matcher.find()).as("only one match of " + regex).isFalse();
        return value;
    }
}
