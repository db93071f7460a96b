package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A local model that cannot be made ready stops the evaluation with its reason, instead of a table of failures. */
@QuarkusMainTest
@TestProfile(EvaluateMissingLocalModelTest.NoModelFile.class)
class EvaluateMissingLocalModelTest {

    /** The local provider pointed at a file that does not exist. */
    public static class NoModelFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("llm.provider", "local", "llm.model-path", "/nonexistent/precis/missing-model.gguf");
        }
    }

    @Test
    @Launch(value = {"evaluate", "--limit", "2"}, exitCode = 2)
    void saysWhyTheModelIsUnavailable(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("could not be made ready", "missing-model.gguf");
        assertThat(result.getOutput()).doesNotContain("| Provider");
    }
}
