package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.precis.testing.TestConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings grouped in LlmConfig are still set by the environment variables operators already use. */
class LegacyNamesTest {

    @Test
    void theDocumentedEnvironmentVariablesSetTheGroupedSettings() {
        LlmConfig config = TestConfig.llm(new EnvConfigSource(Map.of(
                "LLM_MAX_RETRIES", "7",
                "LLM_RETRY_DELAY", "250ms",
                "LLM_CIRCUIT_DELAY", "45s",
                "LLM_MODEL_PATH", "/models/qwen.gguf",
                "LLM_MODEL_SHA256", "a".repeat(64),
                "LLM_LOCAL_CONTEXT", "4096",
                "LLM_OLLAMA_NUM_CTX", "16384"), 300));

        assertThat(config.retry().maxRetries()).isEqualTo(7);
        assertThat(config.retry().delay()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.circuit().delay()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.local().modelPath()).contains(Path.of("/models/qwen.gguf"));
        assertThat(config.local().modelSha256()).contains("a".repeat(64));
        assertThat(config.local().context()).isEqualTo(4096);
        assertThat(config.ollama().numCtx()).hasValue(16384);
    }

    @Test
    void unsetSettingsKeepTheirDefaults() {
        LlmConfig config = TestConfig.llm(new EnvConfigSource(Map.of(), 300));

        assertThat(config.retry().maxRetries()).isEqualTo(3);
        assertThat(config.local().modelRepo()).isEqualTo("Qwen/Qwen2.5-1.5B-Instruct-GGUF");
        assertThat(config.local().modelPath()).isEmpty();
    }

    @Test
    void whenBothNamesAreSetTheStrongerSourceWinsAndInOneSourceTheGroupedName() {
        EnvConfigSource oldNameInTheEnvironment = new EnvConfigSource(Map.of("LLM_MAX_RETRIES", "5"), 300);
        PropertiesConfigSource groupedNameAsASystemProperty = new PropertiesConfigSource(
                Map.of("llm.retry.max-retries", "2"), "system", 400);
        EnvConfigSource bothInTheEnvironment = new EnvConfigSource(Map.of("LLM_MAX_RETRIES", "5",
                "LLM_RETRY_MAX_RETRIES", "4"), 300);

        assertThat(TestConfig.llm(oldNameInTheEnvironment, groupedNameAsASystemProperty).retry().maxRetries())
                .isEqualTo(2);
        assertThat(TestConfig.llm(bothInTheEnvironment).retry().maxRetries()).isEqualTo(4);
    }

    @Test
    void anOldNameIsNotAPropertyAnyMore() {
        PropertiesConfigSource oldNameAsAProperty = new PropertiesConfigSource(Map.of("llm.max-retries", "1"),
                "application.properties", 250);

        assertThatThrownBy(() -> TestConfig.llm(oldNameAsAProperty)).hasMessageContaining("llm.max-retries");
    }
}
