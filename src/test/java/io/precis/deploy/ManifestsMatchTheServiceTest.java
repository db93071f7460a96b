package io.precis.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.precis.deploy.Manifests.Rendering;
import io.precis.article.ArticleConfig;
import io.precis.cache.CacheConfig;
import io.precis.digest.BatchConfig;
import io.precis.llm.LlmConfig;
import io.precis.metering.RateLimitConfig;
import io.precis.problem.HttpLimitsConfig;
import io.precis.prompt.PromptConfig;
import io.precis.security.SecurityConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the manifests name exists in the service: the probe paths answer, the port is the one the image exposes, and
 * every environment variable the manifests set is a setting the service reads.
 */
@QuarkusTest
class ManifestsMatchTheServiceTest {

    private static final List<Class<?>> MAPPINGS = List.of(LlmConfig.class, CacheConfig.class, ArticleConfig.class,
            PromptConfig.class, SecurityConfig.class, RateLimitConfig.class, BatchConfig.class, VertxHttpConfig.class,
            HttpLimitsConfig.class);
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\(([A-Z][A-Z0-9_]*)\\)");

    /** Read by the JVM's launcher in the image, not by the service: the heap the local component sizes. */
    private static final Set<String> JVM_VARIABLES = Set.of("JDK_JAVA_OPTIONS");

    static List<Rendering> renderings() {
        return Rendering.all();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theProbePathsAnswer(String environment) {
        Container container = container(Rendering.shipped(environment).objects());

        for (String path : List.of(container.getStartupProbe().getHttpGet().getPath(),
                container.getLivenessProbe().getHttpGet().getPath(),
                container.getReadinessProbe().getHttpGet().getPath())) {
            given().when().get(path).then().statusCode(200);
        }
        given().when().get(ManifestsTest.deployment(Rendering.shipped(environment).objects()).getSpec().getTemplate()
                .getMetadata().getAnnotations().get("prometheus.io/path")).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void thePortsAreTheOnesTheImageExposesAndTheServiceListensOnByDefault(String environment) throws IOException {
        List<HasMetadata> objects = Rendering.shipped(environment).objects();
        Map<String, Integer> ports = new HashMap<>();
        container(objects).getPorts().forEach(port -> ports.put(port.getName(), port.getContainerPort()));
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        int management = ConfigProvider.getConfig().getValue("quarkus.management.port", Integer.class);

        assertThat(ports).containsEntry("http", 8080).containsEntry("management", management);
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE 8080 " + management + "$");
        assertThat(ManifestsTest.deployment(objects).getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", String.valueOf(management));
        // The packaged service, which the image runs, opens the management interface; dev mode and tests do not.
        assertThat(Files.readString(Path.of("src/main/resources/application.properties")))
                .containsPattern("(?m)^%prod\\.quarkus\\.management\\.enabled=true$");
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyEnvironmentVariableIsASettingOfTheService(Rendering rendering) throws IOException {
        List<HasMetadata> objects = rendering.objects();
        Set<String> named = new TreeSet<>(ManifestsTest.config(objects).keySet());
        container(objects).getEnv().forEach(var -> named.add(var.getName()));
        Set<String> substitutedOnly = new HashSet<>();
        container(objects).getEnv().stream().filter(var -> var.getValue() != null).forEach(var -> {
            Matcher matcher = SUBSTITUTION.matcher(var.getValue());
            while (matcher.find()) {
                substitutedOnly.add(matcher.group(1));
            }
        });

        Set<String> known = knownVariables();
        Set<String> unknown = new TreeSet<>(named);
        unknown.removeAll(known);
        unknown.removeAll(substitutedOnly);
        unknown.removeAll(JVM_VARIABLES);

        assertThat(unknown).as("environment variables the service does not read").isEmpty();
    }

    /**
     * Environment variables the service reads: every property of its configuration mappings (those without a
     * default too), of the Quarkus HTTP configuration the manifests tune, the properties it has, and the variables
     * that application.properties uses in its defaults.
     */
    private static Set<String> knownVariables() throws IOException {
        Set<String> properties = new HashSet<>();
        ConfigProvider.getConfig().getPropertyNames().forEach(properties::add);
        for (Class<?> mapping : MAPPINGS) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            properties.addAll(ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping, prefix))
                    .keySet());
        }
        // The names settings had before they were grouped, which their documented variables follow.
        properties.addAll(io.precis.llm.LegacyNames.RELOCATED.values());
        Set<String> known = new HashSet<>();
        for (String property : properties) {
            known.add(property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        Matcher matcher = EXPRESSION.matcher(Files.readString(Path.of("src/main/resources/application.properties")));
        while (matcher.find()) {
            known.add(matcher.group(1));
        }
        return known;
    }

    private static Container container(List<HasMetadata> objects) {
        Deployment deployment = ManifestsTest.deployment(objects);
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
