package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The model's deadline, end to end on the packaged service: {@code LLM_TIMEOUT} counts from the moment a call gets
 * the model, so requests queued behind others are not timed out by their wait (the first round's defect: a deadline
 * counted from the queue).
 */
class DeadlineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void threeRequestsAtOnceOnOneSlotAllSucceedThoughTogetherTheyTakeTwiceTheDeadline() throws Exception {
        try (FakeLlmServer model = FakeLlmServer.start();
                ServiceProcess service = ServiceProcess.start("deadline", Map.of(
                        "LLM_PROVIDER", "openai",
                        "LLM_BASE_URL", model.url() + "/v1",
                        "LLM_MODEL", "gpt-4o-mini",
                        "LLM_API_KEY", "sk-test",
                        "LLM_MAX_CONCURRENCY", "1",
                        "LLM_TIMEOUT", "3s"))) {
            String seed = Corpus.text(Corpus.SEED_CLEAN);
            // A process's first model call loads and compiles its path (HTTP client, JSON, checks): over a second on
            // a loaded 2-core machine, which 2 s of latency would leave no room for under a 3 s deadline. One call
            // first, at once, so that the three below measure the queue, not a cold start.
            HttpResponse<String> first = summarize(service, seed + "\n\nPremière version de l'article.");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            model.latency(Duration.ofSeconds(2));
            long started = System.nanoTime();

            List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> summarize(service,
                            seed + "\n\nVersion " + i + " de l'article.")))
                    .toList();

            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.join();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode summary = JSON.readTree(response.body());
                assertThat(summary.path("degraded").asBoolean()).isFalse();
                assertThat(summary.path("model").path("provider").asText()).isEqualTo("openai");
            }
            // They took turns on the one slot: 6 s in all, twice LLM_TIMEOUT, and the last waited 4 s of it.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
            assertThat(model.calls()).hasSize(4);
        }
    }

    private static HttpResponse<String> summarize(ServiceProcess service, String article) {
        return service.postJson("/api/v1/summaries",
                JSON.createObjectNode().put("text", article).put("language", "en").toString());
    }
}
