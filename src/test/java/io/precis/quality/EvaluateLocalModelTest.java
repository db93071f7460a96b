package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.quality.EvaluationTable.Row;
import io.precis.testing.TinyModel;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation command with {@code LLM_PROVIDER=local} on a tiny model the tests write themselves: it waits for the
 * model to load, as the service's readiness does, instead of counting every document as a failure.
 */
@QuarkusMainTest
@TestProfile(EvaluateLocalModelTest.TinyLocalModel.class)
class EvaluateLocalModelTest {

    /** The local provider on the tiny model, without retries. */
    public static class TinyLocalModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("llm.provider", "local", "llm.model-path", TinyModel.file().toString(),
                    "llm.model-sha256", TinyModel.sha256(), "llm.local-context", String.valueOf(TinyModel.CONTEXT),
                    "llm.local-threads", String.valueOf(TinyModel.THREADS), "llm.max-retries", "0");
        }
    }

    @Test
    void waitsForTheModelBeforeScoringIt(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("evaluate", "--limit", "2");

        // The tiny model writes noise, which the output checks may refuse (a failure, status 1); what matters is that
        // no document found the model still loading.
        assertThat(result.exitCode()).isIn(0, 1);
        Row provider = EvaluationTable.rows(result.getOutput()).values().iterator().next();
        assertThat(EvaluationTable.rows(result.getOutput()).keySet().iterator().next()).startsWith("Provider: local ");
        assertThat(provider.failures()).isBetween(0, 2);
        assertThat(result.getOutput()).doesNotContain("llm-unavailable");
    }
}
