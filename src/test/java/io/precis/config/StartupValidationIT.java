package io.precis.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.testing.ServiceProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service refuses to start with a setting it cannot work with, and says which setting and why, instead of
 * starting and failing later, request by request.
 */
class StartupValidationIT {

    @Test
    void anOutOfRangeTemperatureStopsTheStartNamingTheSetting() {
        String log = ServiceProcess.refusedStart("invalid-temperature", Map.of("LLM_PROVIDER", "extractive",
                "LLM_TEMPERATURE", "5"));

        assertThat(log).contains("llm.temperature", "must be less than or equal to 2");
    }

    @Test
    void aBaseUrlWithoutItsSchemeStopsTheStartNamingTheSetting() {
        String log = ServiceProcess.refusedStart("invalid-base-url", Map.of("LLM_PROVIDER", "openai",
                "LLM_BASE_URL", "localhost:11434", "LLM_MODEL", "m"));

        assertThat(log).contains("llm.base-url", "must be an http:// or https:// URL");
    }

    @Test
    void aNegativeRetryCountSetUnderItsDocumentedNameStopsTheStart() {
        String log = ServiceProcess.refusedStart("invalid-retries", Map.of("LLM_PROVIDER", "extractive",
                "LLM_MAX_RETRIES", "-1"));

        assertThat(log).contains("llm.retry.max-retries", "must be greater than or equal to 0");
    }

    @Test
    void aBatchConcurrencyOfZeroStopsTheStartNamingTheSetting() {
        String log = ServiceProcess.refusedStart("invalid-batch-concurrency", Map.of("LLM_PROVIDER", "extractive",
                "BATCH_CONCURRENCY", "0"));

        assertThat(log).contains("batch.concurrency", "must be greater than 0");
    }

    @Test
    void aDurationThatIsNotOneStopsTheStartNamingTheSetting() {
        String log = ServiceProcess.refusedStart("invalid-timeout", Map.of("LLM_PROVIDER", "extractive",
                "LLM_TIMEOUT", "soon"));

        assertThat(log).contains("llm.timeout").contains("soon");
    }

    @Test
    void aDurationTooShortStopsTheStartNamingEverySettingOutOfRange() {
        String log = ServiceProcess.refusedStart("invalid-durations", Map.of("LLM_PROVIDER", "extractive",
                "CACHE_REDIS_TIMEOUT", "0s", "LLM_TIMEOUT", "0s"));

        assertThat(log).contains("cache.redis-timeout must be at least 1ms", "llm.timeout must be at least 1ms");
    }
}
