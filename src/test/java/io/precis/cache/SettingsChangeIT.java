package io.precis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.RedisServer;
import io.precis.testing.Replicas;
import io.precis.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service restarted with another setting that can change what the model writes, on the same shared
 * cache: its results written under the old setting are not served under the new one. The same model name behind
 * another base URL, another temperature, another input or output budget or another chunk size is a miss; the same
 * settings again are a hit. Each test starts from the summary written with the defaults when the class starts; a miss
 * stores its own result under its own key, which no other test's settings reach.
 */
class SettingsChangeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY;

    static {
        try {
            BODY = JSON.writeValueAsString(Map.of("text", Corpus.text(Corpus.SEED_CLEAN), "language", "en"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RedisServer redis;
    private static FakeLlmServer fake;

    /** Starts Redis and the fake, and stores the seed's summary written with the default settings. */
    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        fake = FakeLlmServer.start();
        summarizeWith(Map.of());
        assertThat(fake.calls()).hasSize(1);
    }

    @AfterAll
    static void stop() {
        fake.close();
        redis.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void theSameSettingsAfterARestartAreServedFromTheSharedCache() {
        JsonNode summary = summarizeWith(Map.of());

        assertThat(summary.path("cached").asBoolean()).isTrue();
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void anotherBaseUrlForTheSameModelNameIsAMiss() {
        // The same fake, reached under another name: to the service, another server that may run another model.
        JsonNode summary = summarizeWith(Map.of("LLM_BASE_URL", fake.url().replace("127.0.0.1", "localhost") + "/v1"));

        assertThat(summary.path("cached").asBoolean()).isFalse();
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void anotherTemperatureIsAMiss() {
        JsonNode summary = summarizeWith(Map.of("LLM_TEMPERATURE", "0.7"));

        assertThat(summary.path("cached").asBoolean()).isFalse();
        assertThat(fake.calls()).singleElement()
                .satisfies(call -> assertThat(call.body().path("temperature").asDouble()).isEqualTo(0.7));
    }

    @Test
    void anotherOutputBudgetIsAMiss() {
        JsonNode summary = summarizeWith(Map.of("LLM_MAX_OUTPUT_TOKENS", "4096"));

        assertThat(summary.path("cached").asBoolean()).isFalse();
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void anotherInputBudgetIsAMiss() {
        JsonNode summary = summarizeWith(Map.of("LLM_MAX_INPUT_TOKENS", "16000"));

        assertThat(summary.path("cached").asBoolean()).isFalse();
        assertThat(fake.calls()).hasSize(1);
    }

    @Test
    void anotherChunkSizeIsAMiss() {
        JsonNode summary = summarizeWith(Map.of("LLM_CHUNK_TOKENS", "1000"));

        assertThat(summary.path("cached").asBoolean()).isFalse();
        assertThat(fake.calls()).hasSize(1);
    }

    /** Starts the service with these settings over the defaults, asks for the seed's summary, and stops it. */
    private static JsonNode summarizeWith(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(Replicas.environment(fake, redis));
        env.putAll(settings);
        try (ServiceProcess service = ServiceProcess.start("settings-change", env)) {
            HttpResponse<String> response = service.postJson("/api/v1/summaries", BODY);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
