package io.precis.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.testing.BlobServer;
import io.precis.testing.ReadOnlyDirectory;
import io.precis.testing.ServiceProcess;
import io.precis.testing.TinyModel;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged service with LLM_PROVIDER=local on first start: the HTTP server answers at once while the model
 * downloads in the background (readiness DOWN, with its percent), then loads it and becomes ready, and exits cleanly
 * on SIGTERM although llama.cpp keeps a native thread.
 */
class LocalModelIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void startsAtOnceDownloadsInTheBackgroundThenServesAndExitsCleanly() throws Exception {
        Path cache = Files.createTempDirectory(Path.of("target"), "it-models");
        try (BlobServer models = new BlobServer(Files.readAllBytes(TinyModel.file()))) {
            models.throttle(100_000);
            ServiceProcess service = ServiceProcess.startAlive("local-model", Map.of(
                    "LLM_PROVIDER", "local",
                    "LLM_MODEL_URL", models.url("/model.gguf").toString(),
                    "LLM_MODEL_SHA256", TinyModel.sha256(),
                    "LLM_MODEL_CACHE_DIR", cache.toString(),
                    "LLM_LOCAL_CONTEXT", String.valueOf(TinyModel.CONTEXT),
                    "LLM_LOCAL_THREADS", String.valueOf(TinyModel.THREADS)));
            try {
                AtomicInteger percent = new AtomicInteger(-1);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                    HttpResponse<String> ready = service.get("/q/health/ready");
                    JsonNode model = check(ready.body(), "local-model");
                    if (ready.statusCode() == 503 && "downloading".equals(model.path("data").path("state").asText())) {
                        percent.set(model.path("data").path("percent").asInt(-1));
                        return true;
                    }
                    return false;
                });
                assertThat(percent.get()).isBetween(0, 99);
                // The model is prepared after the start: the startup and liveness probes pass meanwhile, so a pod is
                // never restarted for a slow download or load; readiness alone keeps traffic away.
                assertThat(service.get("/q/health/started").statusCode()).isEqualTo(200);
                assertThat(service.get("/q/health/live").statusCode()).isEqualTo(200);

                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> service.get("/q/health/ready")
                        .statusCode() == 200);
                assertThat(check(service.get("/q/health/ready").body(), "local-model").path("data").path("state")
                        .asText()).isEqualTo("ready");
                Path file = cache.resolve("url").resolve("model.gguf");
                assertThat(file).exists();
                assertThat(file.resolveSibling("model.gguf.part")).doesNotExist();
                assertThat(Files.readString(file.resolveSibling("model.gguf.sha256"))).startsWith(TinyModel.sha256());
                HttpResponse<String> digest = service.postJson("/api/v1/digests",
                        "{\"text\": \"Le président russe et le président américain se sont retrouvés ce vendredi à"
                                + " Anchorage, en Alaska.\", \"translate\": false}");
                assertThat(digest.statusCode()).isIn(200, 502);
            } finally {
                service.terminate();
                assertThat(service.awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
            }
        }
    }

    /**
     * As the Kubernetes local component runs it: the download Job's script fills the model volume, which the service
     * then mounts read-only, with the native library in a directory of its own. The service loads the model without
     * hashing it again (the Job's record of the check is trusted) and writes nothing to the volume; without
     * LLM_LOCAL_NATIVE_DIR it cannot load at all, which shows that the volume really is read-only to it.
     */
    @Test
    void loadsAndServesAModelFromAReadOnlyVolumeThatTheDownloadJobFilled() throws Exception {
        Path volume = Files.createTempDirectory(Path.of("target"), "it-model-volume");
        Path nativeDir = Path.of("target").toAbsolutePath().resolve("it-native-" + System.nanoTime());
        try (BlobServer models = new BlobServer(Files.readAllBytes(TinyModel.file()))) {
            Map<String, String> model = Map.of(
                    "LLM_MODEL_URL", models.url("/model.gguf").toString(),
                    "LLM_MODEL_SHA256", TinyModel.sha256().toUpperCase(java.util.Locale.ROOT),
                    "LLM_MODEL_CACHE_DIR", volume.toAbsolutePath().toString());

            assertThat(downloadScript("fetch", model)).contains("verified");
            assertThat(downloadScript("fetch", model)).as("a second run finds the file").contains("is there");
            assertThat(downloadScript("wait", model)).doesNotContain("Waiting");
            List<String> filled = listing(volume);
            assertThat(filled).containsExactlyInAnyOrder("url", "url/model.gguf", "url/model.gguf.sha256");
            assertThat(ReadOnlyDirectory.holds(volume)).as("the volume is read-only to the service").isTrue();

            Map<String, String> env = new java.util.HashMap<>(model);
            env.putAll(Map.of("LLM_PROVIDER", "local",
                    "LLM_LOCAL_CONTEXT", String.valueOf(TinyModel.CONTEXT),
                    "LLM_LOCAL_THREADS", String.valueOf(TinyModel.THREADS)));
            try (ServiceProcess withoutNativeDir = ServiceProcess.startAliveWithReadOnly("local-model-no-native-dir",
                    env, volume)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "failed".equals(check(
                        withoutNativeDir.get("/q/health/ready").body(), "local-model").path("data").path("state")
                        .asText()));
            }

            env.put("LLM_LOCAL_NATIVE_DIR", nativeDir.toString());
            try (ServiceProcess service = ServiceProcess.startAliveWithReadOnly("local-model-read-only", env,
                    volume)) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> service.get("/q/health/ready")
                        .statusCode() == 200);
                HttpResponse<String> summary = service.postJson("/api/v1/summaries",
                        "{\"text\": \"Le président russe et le président américain se sont retrouvés ce vendredi à"
                                + " Anchorage, en Alaska.\", \"language\": \"en\"}");
                // The tiny model writes noise, which the output checks may refuse (502); it is never unavailable.
                assertThat(summary.statusCode()).isIn(200, 502);
                assertThat(Files.readString(Path.of("target", "local-model-read-only.log")))
                        .doesNotContain("Checking the SHA-256").contains("LLM provider: local, model model: ready");
                // The binding deletes its library when the process exits: look while it runs.
                assertThat(nativeDir).isNotEmptyDirectory();
            }
            assertThat(listing(volume)).isEqualTo(filled);
        }
    }

    /** Runs the Kubernetes local component's download script, as its Job and init container do. */
    private static String downloadScript(String mode, Map<String, String> env) throws Exception {
        Path output = Files.createTempFile(Path.of("target"), "download-model", ".log");
        ProcessBuilder builder = new ProcessBuilder("sh", "k8s/components/local/download-model.sh", mode)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process script = builder.start();
        boolean exited = script.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        script.destroyForcibly();
        String printed = Files.readString(output);
        assertThat(exited).as("download-model.sh " + mode + " ended within a minute: " + printed).isTrue();
        assertThat(script.exitValue()).as(printed).isZero();
        return printed;
    }

    private static List<String> listing(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            return paths.filter(path -> !path.equals(root)).map(path -> root.relativize(path).toString()).sorted()
                    .toList();
        }
    }

    private static JsonNode check(String health, String name) throws Exception {
        for (JsonNode check : JSON.readTree(health).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        return JSON.createObjectNode();
    }
}
