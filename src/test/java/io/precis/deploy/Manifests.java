package io.precis.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Renders the Kustomize overlays with kubectl and reads the objects back as the Kubernetes API's typed model. */
final class Manifests {

    /** The kinds the manifests may contain, by apiVersion and kind. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("apps/v1 Deployment", Deployment.class),
            Map.entry("apps/v1 StatefulSet", StatefulSet.class),
            Map.entry("batch/v1 Job", Job.class),
            Map.entry("v1 Service", Service.class),
            Map.entry("v1 Namespace", Namespace.class),
            Map.entry("v1 ConfigMap", ConfigMap.class),
            Map.entry("v1 Secret", Secret.class),
            Map.entry("v1 PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1 ServiceMonitor", ServiceMonitor.class));

    /** The environments (k8s/overlays) and the model components (k8s/components) an environment takes one of. */
    static final List<String> ENVIRONMENTS = List.of("dev", "prod");
    static final List<String> MODELS = List.of("local", "ollama", "openai");

    private static final Pattern COMPONENTS = Pattern.compile("(?m)^components:\n(?:  - .*\n)+");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private Manifests() {
    }

    /** The output of {@code kubectl kustomize} for a directory under k8s/. */
    static String render(String directory) {
        return kustomize("k8s/" + directory);
    }

    private static String kustomize(String directory) {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", directory)
                    .redirectErrorStream(true).start();
            String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl is needed to render the manifests; it is on the project's"
                    + " machines and in CI", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The output of {@code kubectl kustomize} for an environment with these components instead of the ones its
     * kustomization lists: rendered from a copy of k8s/ and prompts/ under target/, whose overlay lists them, as an
     * operator's one-line edit would.
     */
    static String render(String environment, List<String> components) {
        Path root = Path.of("target", "k8s-matrix", environment + "-" + String.join("-", components));
        try {
            deleteTree(root);
            copyTree(Path.of("k8s"), root.resolve("k8s"));
            copyTree(Path.of("prompts"), root.resolve("prompts"));
            Path kustomization = root.resolve("k8s/overlays/" + environment + "/kustomization.yaml");
            String text = Files.readString(kustomization);
            Matcher listed = COMPONENTS.matcher(text);
            if (!listed.find()) {
                throw new IllegalStateException(kustomization + " lists no components");
            }
            StringBuilder replacement = new StringBuilder("components:\n");
            components.forEach(component -> replacement.append("  - ../../components/").append(component)
                    .append('\n'));
            Files.writeString(kustomization, text.substring(0, listed.start()) + replacement
                    + text.substring(listed.end()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kustomize(root.resolve("k8s/overlays/" + environment).toString());
    }

    /** The components an environment's kustomization lists. */
    static List<String> components(String environment) {
        try {
            Matcher listed = COMPONENTS.matcher(Files.readString(Path.of("k8s/overlays/" + environment
                    + "/kustomization.yaml")));
            if (!listed.find()) {
                return List.of();
            }
            return listed.group().lines().skip(1).map(line -> line.substring(line.lastIndexOf('/') + 1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * An environment with the components it is rendered with, and the objects it renders to (rendered once).
     *
     * @param environment a directory of k8s/overlays
     * @param components  directories of k8s/components
     */
    record Rendering(String environment, List<String> components) {

        private static final Map<Rendering, List<HasMetadata>> RENDERED =
                new java.util.concurrent.ConcurrentHashMap<>();

        /** Every environment with each model component, and prod with the ServiceMonitor too. */
        static List<Rendering> all() {
            List<Rendering> all = new ArrayList<>();
            for (String environment : ENVIRONMENTS) {
                for (String model : MODELS) {
                    all.add(new Rendering(environment, List.of(model)));
                }
            }
            all.add(new Rendering("prod", List.of("openai", "servicemonitor")));
            return all;
        }

        /** The environment as shipped, with the components its kustomization lists. */
        static Rendering shipped(String environment) {
            return new Rendering(environment, Manifests.components(environment));
        }

        /** The objects, each read as its kind's model class. */
        List<HasMetadata> objects() {
            return RENDERED.computeIfAbsent(this, rendering -> documents(rendering.equals(shipped(environment))
                    ? render("overlays/" + environment) : render(environment, components)).stream()
                    .map(Manifests::typed).toList());
        }

        boolean uses(String component) {
            return components.contains(component);
        }

        @Override
        public String toString() {
            return environment + " + " + String.join(" + ", components);
        }
    }

    /** The raw documents of a rendered overlay. */
    static List<JsonNode> documents(String rendered) {
        try (YAMLParser parser = new YAMLFactory().createParser(rendered)) {
            List<JsonNode> documents = new ArrayList<>();
            for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (node != null && !node.isEmpty()) {
                    documents.add(node);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a document as its kind's model class. Unknown fields are refused: the model keeps them in
     * {@code additionalProperties}, which must stay empty everywhere in the object graph.
     */
    static HasMetadata typed(JsonNode document) {
        String kind = document.path("apiVersion").asText() + " " + document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("Unexpected kind " + kind);
        }
        try {
            HasMetadata object = YAML.treeToValue(document, type);
            List<String> unknown = new ArrayList<>();
            collectUnknown(object, kind, unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("Fields unknown to the Kubernetes API: " + unknown);
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A document's field by JSON pointer, for assertions. */
    static JsonNode at(JsonNode document, String pointer) {
        return document.at(pointer);
    }

    private static void collectUnknown(Object object, String path, List<String> unknown, Set<Object> seen) {
        if (object == null || !seen.add(object)) {
            return;
        }
        if (object instanceof Collection<?> collection) {
            int i = 0;
            for (Object item : collection) {
                collectUnknown(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknown(value, path + "." + key, unknown, seen));
            return;
        }
        if (isLeaf(object)) {
            return;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(object);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + " " + extra.keySet());
                    }
                } else {
                    collectUnknown(value, path + "." + getter.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean isLeaf(Object object) {
        return object instanceof String || object instanceof Number || object instanceof Boolean
                || object instanceof Enum<?> || object instanceof Class<?> || object instanceof ObjectNode
                || object.getClass().getName().startsWith("java.");
    }
}
