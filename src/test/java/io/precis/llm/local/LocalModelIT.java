package io.precis.llm.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.testing.BlobServer;
import io.precis.testing.ServiceProcess;
import io.precis.testing.TinyModel;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private static JsonNode check(String health, String name) throws Exception {
        for (JsonNode check : JSON.readTree(health).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        return JSON.createObjectNode();
    }
}
