package io.precis.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.precis.deploy.Manifests.Rendering;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every environment renders with every model component, every object it renders is valid against the Kubernetes API,
 * and every rendering meets the deployment's policies.
 */
class ManifestsTest {

    static List<Rendering> renderings() {
        return Rendering.all();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void rendersAndEveryObjectValidates(String directory) {
        List<JsonNode> documents = Manifests.documents(Manifests.render(directory));

        assertThat(documents).isNotEmpty();
        assertThat(documents).allSatisfy(document -> assertThat(Manifests.typed(document)).isNotNull());
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyEnvironmentRendersWithEveryComponentAndEveryObjectValidates(Rendering rendering) {
        // Reading each object as its kind's model class refuses a field the API does not have.
        assertThat(rendering.objects()).isNotEmpty().noneMatch(o -> o.getMetadata().getName() == null);
        assertThat(rendering.objects()).filteredOn(o -> o instanceof Namespace).hasSize(1);
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
    void eachEnvironmentShipsWithExactlyOneModel() {
        assertThat(Manifests.components("dev")).containsExactly("local");
        assertThat(Manifests.components("prod")).containsExactly("openai");
        for (String model : Manifests.MODELS) {
            assertThat(Path.of("k8s/components", model, "kustomization.yaml")).exists();
        }
    }

    @Test
    void devRunsOneReplicaWithTheMemoryCacheAndTheModelInsideTheService() {
        List<HasMetadata> objects = Rendering.shipped("dev").objects();

        // No count: Kubernetes's default of one pod.
        assertThat(deployment(objects).getSpec().getReplicas()).isNull();
        assertThat(config(objects)).containsEntry("CACHE_BACKEND", "memory").containsEntry("LLM_PROVIDER", "local");
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("StatefulSet",
                "HorizontalPodAutoscaler");
    }

    @Test
    void prodRunsThreeReplicasOnRedisWithAnOpenAiCompatibleProvider() {
        List<HasMetadata> objects = Rendering.shipped("prod").objects();

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
    @MethodSource("renderings")
    void everyPodMeetsTheRestrictedPodSecurityProfileAndEveryContainerHasRequestsAndLimits(Rendering rendering) {
        List<PodSpec> pods = pods(rendering.objects());
        assertThat(pods).isNotEmpty();
        for (PodSpec pod : pods) {
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(pod.getVolumes()).noneMatch(volume -> volume.getHostPath() != null);
            for (Container container : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                    .toList()) {
                var security = container.getSecurityContext();
                assertThat(security.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
                assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
                assertThat(container.getImage()).as(container.getName()).matches(".+:[0-9][\\w.-]*")
                        .doesNotEndWith(":latest");
                assertThat(container.getResources().getLimits()).as(container.getName()).containsKeys("memory",
                        "cpu");
                assertThat(container.getResources().getRequests()).as(container.getName()).containsKeys("memory",
                        "cpu");
            }
        }
        for (Container container : mainContainers(rendering.objects())) {
            assertThat(container.getVolumeMounts()).as(container.getName()).anySatisfy(mount ->
                    assertThat(mount.getMountPath()).isEqualTo("/tmp"));
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void probesAndMetricsAreOnTheManagementPort(Rendering rendering) {
        Deployment deployment = deployment(rendering.objects());
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

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
        Service api = service(rendering.objects(), "precis");
        assertThat(api.getSpec().getPorts()).extracting(port -> port.getTargetPort().getStrVal())
                .as("the API's Service never exposes the management port").containsExactly("http");
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void shutsDownGracefullyWithinTheGracePeriod(Rendering rendering) {
        List<HasMetadata> objects = rendering.objects();
        Deployment deployment = deployment(objects);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Duration shutdown = duration(config(objects).get("SHUTDOWN_TIMEOUT"));
        Duration llmTimeout = duration(config(objects).get("LLM_TIMEOUT"));
        Duration queueTimeout = duration(config(objects).get("LLM_QUEUE_TIMEOUT"));
        List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
        Duration pause = Duration.ofSeconds(Long.parseLong(preStop.get(preStop.size() - 1)));

        // A request's model call may wait for its slot, then run: both fit in the shutdown.
        assertThat(shutdown).isGreaterThan(queueTimeout.plus(llmTimeout));
        assertThat(Duration.ofSeconds(deployment.getSpec().getTemplate().getSpec()
                .getTerminationGracePeriodSeconds())).isGreaterThan(pause.plus(shutdown));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theLocalModelIsReadFromAReadOnlyVolumeAtTheCacheDirAndItsLibraryGoesToAWritableOne(String environment) {
        List<HasMetadata> objects = new Rendering(environment, List.of("local")).objects();
        Map<String, String> settings = config(objects);
        Container precis = mainContainers(objects).get(0);
        PodSpec pod = deployment(objects).getSpec().getTemplate().getSpec();
        String cacheDir = settings.get("LLM_MODEL_CACHE_DIR");

        assertThat(settings).containsEntry("LLM_PROVIDER", "local").containsKeys("LLM_MODEL_URL", "LLM_MODEL_SHA256");
        VolumeMount model = precis.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(cacheDir))
                .findFirst().orElseThrow(() -> new AssertionError("no volume at LLM_MODEL_CACHE_DIR " + cacheDir));
        assertThat(model.getReadOnly()).isTrue();
        Volume volume = volume(pod, model.getName());
        assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("precis-model");
        assertThat(volume.getPersistentVolumeClaim().getReadOnly()).isTrue();
        assertThat(objects).anySatisfy(o -> assertThat(o.getKind() + "/" + o.getMetadata().getName())
                .isEqualTo("PersistentVolumeClaim/precis-model"));
        // The native library: under a writable emptyDir, as the root filesystem is read-only.
        String nativeDir = settings.get("LLM_LOCAL_NATIVE_DIR");
        VolumeMount writable = precis.getVolumeMounts().stream().filter(m -> nativeDir.startsWith(m.getMountPath()
                + "/")).findFirst().orElseThrow(() -> new AssertionError("LLM_LOCAL_NATIVE_DIR on no volume"));
        assertThat(writable.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        assertThat(volume(pod, writable.getName()).getEmptyDir()).isNotNull();

        // The Job writes where the pods read, with the same settings, and the pods wait for it.
        Job job = objects.stream().filter(o -> o instanceof Job).map(Job.class::cast).findFirst().orElseThrow();
        PodSpec jobPod = job.getSpec().getTemplate().getSpec();
        Container download = jobPod.getContainers().get(0);
        VolumeMount written = download.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(cacheDir))
                .findFirst().orElseThrow();
        assertThat(volume(jobPod, written.getName()).getPersistentVolumeClaim().getClaimName())
                .isEqualTo("precis-model");
        assertThat(download.getCommand()).containsExactly("sh", "/opt/precis/download-model.sh", "fetch");
        assertThat(download.getEnvFrom()).extracting(from -> from.getConfigMapRef().getName())
                .containsExactly(precisModelConfig(objects));
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isPositive();
        Container wait = pod.getInitContainers().get(0);
        assertThat(wait.getCommand()).containsExactly("sh", "/opt/precis/download-model.sh", "wait");
        assertThat(wait.getEnvFrom()).extracting(from -> from.getConfigMapRef().getName())
                .containsExactly(precisModelConfig(objects));

        // Memory: the model file, its KV cache and compute buffers, and the JVM fit under the limit.
        long limit = bytes(precis.getResources().getLimits().get("memory"));
        String heap = env(deployment(objects)).get("JDK_JAVA_OPTIONS");
        assertThat(heap).startsWith("-Xmx").endsWith("m");
        long jvm = Long.parseLong(heap.substring(4, heap.length() - 1)) * MIB + 250 * MIB;
        long kvCache = Long.parseLong(settings.getOrDefault("LLM_LOCAL_CONTEXT", "8192")) * 28 * 1024;
        assertThat(limit).isGreaterThanOrEqualTo(1_117_320_736L + kvCache + 300 * MIB + jvm);
        assertThat(bytes(precis.getResources().getRequests().get("memory")))
                .isGreaterThanOrEqualTo(1_117_320_736L + kvCache + jvm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void withOllamaPrecisMayReachTheOllamaServiceAndNothingElseOutside(String environment) {
        List<HasMetadata> objects = new Rendering(environment, List.of("ollama")).objects();
        Service ollama = service(objects, "precis-ollama");
        int port = ollama.getSpec().getPorts().get(0).getPort();

        assertThat(config(objects)).containsEntry("LLM_PROVIDER", "ollama")
                .containsEntry("LLM_BASE_URL", "http://precis-ollama:" + port);
        assertThat(egressOfPrecis(objects)).as("a rule to the Ollama pods on the Service's port").anyMatch(rule ->
                rule.getTo().size() == 1 && rule.getTo().get(0).getPodSelector() != null
                        && rule.getTo().get(0).getPodSelector().getMatchLabels().equals(ollama.getSpec().getSelector())
                        && rule.getPorts().size() == 1 && rule.getPorts().get(0).getPort().getIntVal() == port);
        assertThat(egressOfPrecis(objects)).noneMatch(rule -> rule.getTo().stream()
                .anyMatch(peer -> peer.getIpBlock() != null));
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).contains(
                "Deployment/precis-ollama", "PersistentVolumeClaim/precis-ollama", "Job/precis-ollama-pull");
        Job pull = objects.stream().filter(o -> o instanceof Job).map(Job.class::cast).findFirst().orElseThrow();
        assertThat(pull.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom())
                .extracting(from -> from.getConfigMapRef().getName()).containsExactly(precisModelConfig(objects));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void withOpenAiPrecisMayReachHttpsOutsideTheClusterAndTheLocalModelIsNotThere(String environment) {
        List<HasMetadata> objects = new Rendering(environment, List.of("openai")).objects();

        assertThat(config(objects)).containsEntry("LLM_PROVIDER", "openai");
        assertThat(config(objects).get("LLM_BASE_URL")).startsWith("https://");
        assertThat(egressOfPrecis(objects)).as("HTTPS to public addresses only").anyMatch(rule ->
                rule.getTo().size() == 1 && rule.getTo().get(0).getIpBlock() != null
                        && rule.getTo().get(0).getIpBlock().getCidr().equals("0.0.0.0/0")
                        && rule.getTo().get(0).getIpBlock().getExcept().containsAll(List.of("10.0.0.0/8",
                                "172.16.0.0/12", "192.168.0.0/16"))
                        && rule.getPorts().size() == 1 && rule.getPorts().get(0).getPort().getIntVal() == 443);
        assertThat(objects).noneMatch(o -> o instanceof Job || o instanceof PersistentVolumeClaim);
    }

    @Test
    void theServiceMonitorScrapesTheManagementPortThroughAServiceOfItsOwn() {
        List<HasMetadata> objects = new Rendering("prod", List.of("openai", "servicemonitor")).objects();
        ServiceMonitor monitor = objects.stream().filter(o -> o instanceof ServiceMonitor)
                .map(ServiceMonitor.class::cast).findFirst().orElseThrow();
        List<Service> selected = objects.stream().filter(o -> o instanceof Service).map(Service.class::cast)
                .filter(service -> service.getMetadata().getLabels().entrySet().containsAll(monitor.getSpec()
                        .getSelector().getMatchLabels().entrySet())).toList();

        assertThat(selected).extracting(service -> service.getMetadata().getName())
                .containsExactly("precis-management");
        var endpoint = monitor.getSpec().getEndpoints().get(0);
        assertThat(selected.get(0).getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo(endpoint.getPort());
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("management");
        });
        assertThat(endpoint.getPath()).isEqualTo(deployment(objects).getSpec().getTemplate().getMetadata()
                .getAnnotations().get("prometheus.io/path"));
        assertThat(selected.get(0).getSpec().getSelector()).isEqualTo(service(objects, "precis").getSpec()
                .getSelector());
    }

    @Test
    void anEditOfTheSettingsRollsThePodsAndThePodsSpreadOverZonesAndNodes() {
        for (String environment : Manifests.ENVIRONMENTS) {
            List<HasMetadata> objects = Rendering.shipped(environment).objects();
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

    @ParameterizedTest
    @MethodSource("renderings")
    void theNetworkPolicyAdmitsTheApiFromTheIngressAndOperationsFromMonitoringOnly(Rendering rendering)
            throws Exception {
        Map<String, String> cluster = clusterNames();
        NetworkPolicy policy = rendering.objects().stream().filter(o -> o instanceof NetworkPolicy
                && o.getMetadata().getName().equals("precis")).map(NetworkPolicy.class::cast).findFirst().orElseThrow();

        assertThat(policy.getSpec().getIngress()).hasSize(2).allSatisfy(rule -> {
            assertThat(rule.getFrom()).as("every rule names who may come in").isNotEmpty();
            assertThat(rule.getPorts()).hasSize(1);
        });
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(8080);
            assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", cluster.get("ingressNamespace")));
        });
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(9000);
            assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", cluster.get("monitoringNamespace")));
        });
        assertThat(policy.getSpec().getEgress()).extracting(rule -> rule.getPorts().get(0).getPort().getIntVal())
                .containsExactlyInAnyOrder(6379, 53, 4317);
        assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> {
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(4317);
            assertThat(rule.getTo().get(0).getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", cluster.get("monitoringNamespace")));
        });
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void noRenderingShipsASecretAndThePodsNeedTheApiKeys(Rendering rendering) {
        List<HasMetadata> objects = rendering.objects();
        // Applying a Secret, even an empty template, would blank the real values on every apply.
        assertThat(objects).noneMatch(o -> o instanceof Secret);
        Container container = deployment(objects).getSpec().getTemplate().getSpec().getContainers().get(0);
        EnvVar keys = container.getEnv().stream().filter(env -> env.getName().equals("API_KEYS")).findFirst()
                .orElseThrow();
        assertThat(keys.getValueFrom().getSecretKeyRef().getName()).isEqualTo("precis-secrets");
        assertThat(keys.getValueFrom().getSecretKeyRef().getOptional()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void theRedisPasswordReachesTheClientAsASettingOfItsOwnNotInsideTheUrl() {
        Container container = deployment(Rendering.shipped("prod").objects()).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        EnvVar url = container.getEnv().stream().filter(env -> env.getName().equals("REDIS_URL")).findFirst()
                .orElseThrow();
        EnvVar password = container.getEnv().stream().filter(env -> env.getName().equals("REDIS_PASSWORD"))
                .findFirst().orElseThrow();

        assertThat(url.getValue()).doesNotContain("@").doesNotContain("REDIS_PASSWORD");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("REDIS_PASSWORD");
    }

    @Test
    void thePromptsConfigMapIsGeneratedFromThePromptsFolderAndMountedAtPromptsDir() throws Exception {
        List<HasMetadata> objects = Rendering.shipped("prod").objects();
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
                .contains(prompts.getMetadata().getName());
        assertThat(env(deployment)).containsEntry("PROMPTS_DIR", "/etc/precis/prompts");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/etc/precis/prompts"));
    }

    @Test
    void theGlossariesConfigMapIsGeneratedFromItsFolderAndMountedAtGlossaryDir() throws Exception {
        List<HasMetadata> objects = Rendering.shipped("prod").objects();
        ConfigMap glossaries = objects.stream().filter(o -> o instanceof ConfigMap
                && o.getMetadata().getName().startsWith("precis-glossaries")).map(ConfigMap.class::cast).findFirst()
                .orElseThrow();
        Deployment deployment = deployment(objects);

        assertThat(glossaries.getData().get("newsroom.fr-en.tsv")).isEqualTo(java.nio.file.Files.readString(
                java.nio.file.Path.of("k8s/base/glossaries/newsroom.fr-en.tsv")));
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(volume -> volume.getConfigMap() != null)
                .extracting(volume -> volume.getConfigMap().getName())
                .containsExactlyInAnyOrder(glossaries.getMetadata().getName(), objects.stream()
                        .filter(o -> o instanceof ConfigMap && o.getMetadata().getName().startsWith("precis-prompts"))
                        .findFirst().orElseThrow().getMetadata().getName());
        assertThat(env(deployment)).containsEntry("GLOSSARY_DIR", "/etc/precis/glossaries");
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(mount -> {
                    assertThat(mount.getMountPath()).isEqualTo("/etc/precis/glossaries");
                    assertThat(mount.getReadOnly()).isTrue();
                });
    }

    static Deployment deployment(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName().equals("precis"))
                .map(Deployment.class::cast).findFirst().orElseThrow();
    }

    /**
     * The settings the precis container reads from ConfigMaps: precis-config, and precis-model where a component
     * adds it (the later source wins, as in Kubernetes).
     */
    static Map<String, String> config(List<HasMetadata> objects) {
        Map<String, String> settings = new java.util.HashMap<>();
        for (var from : deployment(objects).getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom()) {
            String name = from.getConfigMapRef().getName();
            objects.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals(name))
                    .map(o -> ((ConfigMap) o).getData()).findFirst()
                    .ifPresentOrElse(settings::putAll, () -> {
                        throw new AssertionError("no ConfigMap " + name);
                    });
        }
        return settings;
    }

    static Map<String, String> env(Deployment deployment) {
        Map<String, String> env = new java.util.HashMap<>();
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .forEach(var -> env.put(var.getName(), var.getValue()));
        return env;
    }

    /** The containers that serve (Deployments and StatefulSets), without init containers and Jobs. */
    static List<Container> mainContainers(List<HasMetadata> objects) {
        return objects.stream().flatMap(o -> o instanceof Deployment d ? Stream.of(d.getSpec().getTemplate()
                .getSpec()) : o instanceof StatefulSet s ? Stream.of(s.getSpec().getTemplate().getSpec())
                : Stream.empty()).flatMap(pod -> pod.getContainers().stream()).toList();
    }

    private static List<PodSpec> pods(List<HasMetadata> objects) {
        return objects.stream().flatMap(o -> o instanceof Deployment d ? Stream.of(d.getSpec().getTemplate()
                .getSpec()) : o instanceof StatefulSet s ? Stream.of(s.getSpec().getTemplate().getSpec())
                : o instanceof Job j ? Stream.of(j.getSpec().getTemplate().getSpec()) : Stream.empty()).toList();
    }

    private static Service service(List<HasMetadata> objects, String name) {
        return objects.stream().filter(o -> o instanceof Service && o.getMetadata().getName().equals(name))
                .map(Service.class::cast).findFirst().orElseThrow();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String precisModelConfig(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o instanceof ConfigMap && o.getMetadata().getName().startsWith(
                "precis-model-") && !o.getMetadata().getName().startsWith("precis-model-download"))
                .findFirst().orElseThrow().getMetadata().getName();
    }

    /** The egress rules of every NetworkPolicy that selects the precis pods: they add up. */
    private static List<NetworkPolicyEgressRule> egressOfPrecis(List<HasMetadata> objects) {
        Map<String, String> labels = deployment(objects).getSpec().getTemplate().getMetadata().getLabels();
        return objects.stream().filter(o -> o instanceof NetworkPolicy).map(NetworkPolicy.class::cast)
                .filter(policy -> labels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels()
                        .entrySet()))
                .flatMap(policy -> policy.getSpec().getEgress().stream()).toList();
    }

    /** The cluster's names, as k8s/base/cluster.yaml sets them. */
    private static Map<String, String> clusterNames() throws Exception {
        JsonNode cluster = Manifests.documents(Files.readString(Path.of("k8s/base/cluster.yaml"))).get(0);
        return Map.of("ingressNamespace", cluster.path("data").path("ingressNamespace").asText(),
                "monitoringNamespace", cluster.path("data").path("monitoringNamespace").asText());
    }

    private static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValueExact();
    }

    private static Duration duration(String value) {
        return Duration.parse("PT" + value.toUpperCase(java.util.Locale.ROOT));
    }

    private static final long MIB = 1024 * 1024;
}
