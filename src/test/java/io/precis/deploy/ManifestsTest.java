package io.precis.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay renders with kubectl kustomize, and every object it renders is valid against the Kubernetes API. */
class ManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void rendersAndEveryObjectValidates(String directory) {
        List<JsonNode> documents = Manifests.documents(Manifests.render(directory));

        assertThat(documents).isNotEmpty();
        assertThat(documents).allSatisfy(document -> assertThat(Manifests.typed(document)).isNotNull());
    }

    @Test
    void theValidatorRefusesAFieldTheApiDoesNotHave() throws Exception {
        JsonNode deployment = Manifests.documents(Manifests.render("overlays/dev")).stream()
                .filter(d -> d.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.path("spec").path("template").path("spec"))
                .put("terminationGracePeriod", 30);

        assertThatThrownBy(() -> Manifests.typed(deployment)).hasMessageContaining("terminationGracePeriod");
    }

    @Test
    void devRunsOneReplicaWithTheMemoryCacheAndNoExternalModel() {
        List<HasMetadata> objects = objects("overlays/dev");

        // No count: Kubernetes's default of one pod.
        assertThat(deployment(objects).getSpec().getReplicas()).isNull();
        assertThat(config(objects)).containsEntry("CACHE_BACKEND", "memory").containsEntry("LLM_PROVIDER",
                "extractive");
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("StatefulSet",
                "HorizontalPodAutoscaler");
    }

    @Test
    void prodRunsThreeReplicasOnRedisWithAnOpenAiCompatibleProvider() {
        List<HasMetadata> objects = objects("overlays/prod");

        // The HPA owns the count: a count in the Deployment would reset it on every apply.
        assertThat(deployment(objects).getSpec().getReplicas()).isNull();
        HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) objects.stream()
                .filter(o -> o instanceof HorizontalPodAutoscaler).findFirst().orElseThrow();
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(config(objects)).containsEntry("CACHE_BACKEND", "redis").containsEntry("LLM_PROVIDER", "openai")
                .containsKeys("LLM_BASE_URL", "LLM_MODEL");
        assertThat(env(deployment(objects))).containsEntry("REDIS_URL", "redis://precis-redis:6379");
        assertThat(objects).filteredOn(o -> o instanceof Namespace).extracting(o -> o.getMetadata().getName())
                .containsExactly("precis");
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).contains(
                "StatefulSet/precis-redis", "Service/precis-redis", "HorizontalPodAutoscaler/precis",
                "PodDisruptionBudget/precis", "NetworkPolicy/precis", "NetworkPolicy/precis-redis");
        StatefulSet redis = (StatefulSet) objects.stream().filter(o -> o instanceof StatefulSet).findFirst()
                .orElseThrow();
        assertThat(redis.getSpec().getVolumeClaimTemplates()).hasSize(1);
        Service governing = objects.stream().filter(o -> o instanceof Service
                && o.getMetadata().getName().equals(redis.getSpec().getServiceName())).map(Service.class::cast)
                .findFirst().orElseThrow();
        assertThat(governing.getSpec().getClusterIP()).as("a StatefulSet's Service is headless").isEqualTo("None");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyPodMeetsTheRestrictedPodSecurityProfile(String overlay) {
        for (PodSpec pod : pods(objects(overlay))) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertThat(security.getAllowPrivilegeEscalation()).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).isTrue();
                assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
                assertThat(container.getVolumeMounts()).anySatisfy(mount ->
                        assertThat(mount.getMountPath()).isEqualTo("/tmp"));
                assertThat(container.getImage()).matches(".+:[0-9][\\w.-]*").doesNotEndWith(":latest");
                assertThat(container.getResources().getLimits()).containsKey("memory");
                assertThat(container.getResources().getRequests()).containsKeys("memory", "cpu");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void shutsDownGracefullyWithinTheGracePeriod(String overlay) {
        List<HasMetadata> objects = objects(overlay);
        Deployment deployment = deployment(objects);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Duration shutdown = duration(config(objects).get("SHUTDOWN_TIMEOUT"));
        Duration llmTimeout = duration(config(objects).get("LLM_TIMEOUT"));
        List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
        Duration pause = Duration.ofSeconds(Long.parseLong(preStop.get(preStop.size() - 1)));

        assertThat(shutdown).isGreaterThan(llmTimeout);
        assertThat(Duration.ofSeconds(deployment.getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds())).isGreaterThan(pause.plus(shutdown));
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        // Operations on the management port, which the packaged service opens (application.properties).
        assertThat(Stream.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()))
                .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
        assertThat(container.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("management");
            assertThat(port.getContainerPort()).isEqualTo(9000);
        });
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics")
                .containsEntry("prometheus.io/port", "9000");
    }

    @Test
    void anEditOfTheSettingsRollsThePodsAndThePodsSpreadOverZonesAndNodes() {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            List<HasMetadata> objects = objects(overlay);
            String configName = objects.stream().filter(o -> o instanceof ConfigMap
                    && o.getMetadata().getName().startsWith("precis-config-")).findFirst().orElseThrow()
                    .getMetadata().getName();
            Deployment deployment = deployment(objects);
            // A generated name carries a hash of the settings: an edit is a new name, so a new rollout.
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom())
                    .anySatisfy(from -> assertThat(from.getConfigMapRef().getName()).isEqualTo(configName));
            assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .extracting(c -> c.getTopologyKey())
                    .containsExactlyInAnyOrder("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            assertThat(objects).filteredOn(o -> o instanceof Namespace).hasSize(1);
        }
    }

    @Test
    void theNetworkPolicyAdmitsTheApiFromTheIngressAndOperationsFromMonitoringOnly() {
        NetworkPolicy policy = objects("overlays/prod").stream().filter(o -> o instanceof NetworkPolicy
                && o.getMetadata().getName().equals("precis")).map(NetworkPolicy.class::cast).findFirst().orElseThrow();

        assertThat(policy.getSpec().getIngress()).hasSize(2).allSatisfy(rule -> {
            assertThat(rule.getFrom()).as("every rule names who may come in").isNotEmpty();
            assertThat(rule.getPorts()).hasSize(1);
        });
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(8080);
            assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "ingress-nginx");
        });
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(9000);
            assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "monitoring");
        });
        assertThat(policy.getSpec().getEgress()).extracting(rule -> rule.getPorts().get(0).getPort().getIntVal())
                .contains(6379, 53, 443, 4317);
    }

    @Test
    void noOverlayShipsASecretAndThePodsNeedTheApiKeys() {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            List<HasMetadata> objects = objects(overlay);
            // Applying a Secret, even an empty template, would blank the real values on every apply.
            assertThat(objects).noneMatch(o -> o instanceof Secret);
            Container container = deployment(objects).getSpec().getTemplate().getSpec().getContainers().get(0);
            EnvVar keys = container.getEnv().stream().filter(env -> env.getName().equals("API_KEYS")).findFirst()
                    .orElseThrow();
            assertThat(keys.getValueFrom().getSecretKeyRef().getName()).isEqualTo("precis-secrets");
            assertThat(keys.getValueFrom().getSecretKeyRef().getOptional()).as(overlay).isNotEqualTo(Boolean.TRUE);
        }
    }

    @Test
    void theRedisPasswordReachesTheClientAsASettingOfItsOwnNotInsideTheUrl() {
        Container container = deployment(objects("overlays/prod")).getSpec().getTemplate().getSpec().getContainers()
                .get(0);
        EnvVar url = container.getEnv().stream().filter(env -> env.getName().equals("REDIS_URL")).findFirst()
                .orElseThrow();
        EnvVar password = container.getEnv().stream().filter(env -> env.getName().equals("REDIS_PASSWORD"))
                .findFirst().orElseThrow();

        assertThat(url.getValue()).doesNotContain("@").doesNotContain("REDIS_PASSWORD");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("REDIS_PASSWORD");
    }

    @Test
    void thePromptsConfigMapIsGeneratedFromThePromptsFolderAndMountedAtPromptsDir() throws Exception {
        List<HasMetadata> objects = objects("overlays/prod");
        ConfigMap prompts = objects.stream().filter(o -> o instanceof ConfigMap
                && o.getMetadata().getName().startsWith("precis-prompts")).map(ConfigMap.class::cast).findFirst()
                .orElseThrow();
        Deployment deployment = deployment(objects);

        for (String file : List.of("summarize.txt", "translate.txt", "correct.txt")) {
            assertThat(prompts.getData().get(file)).isEqualTo(java.nio.file.Files.readString(
                    java.nio.file.Path.of("prompts", file)));
        }
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(volume -> volume.getConfigMap() != null)
                .extracting(volume -> volume.getConfigMap().getName())
                .containsExactly(prompts.getMetadata().getName());
        assertThat(env(deployment)).containsEntry("PROMPTS_DIR", "/etc/precis/prompts");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/etc/precis/prompts"));
    }

    static List<HasMetadata> objects(String overlay) {
        return Manifests.documents(Manifests.render(overlay)).stream().map(Manifests::typed).toList();
    }

    static Deployment deployment(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof Deployment).map(Deployment.class::cast).findFirst()
                .orElseThrow();
    }

    static Map<String, String> config(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().startsWith(
                "precis-config-")).map(o -> ((ConfigMap) o).getData()).findFirst().orElseThrow();
    }

    static Map<String, String> env(Deployment deployment) {
        Map<String, String> env = new java.util.HashMap<>();
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .forEach(var -> env.put(var.getName(), var.getValue()));
        return env;
    }

    private static List<PodSpec> pods(List<HasMetadata> objects) {
        return objects.stream().flatMap(o -> o instanceof Deployment d ? Stream.of(d.getSpec().getTemplate()
                .getSpec()) : o instanceof StatefulSet s ? Stream.of(s.getSpec().getTemplate().getSpec())
                : Stream.empty()).toList();
    }

    private static Duration duration(String value) {
        return Duration.parse("PT" + value.toUpperCase(java.util.Locale.ROOT));
    }
}
