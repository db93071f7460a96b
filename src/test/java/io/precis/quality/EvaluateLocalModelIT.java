package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.quality.EvaluationTable.Row;
import io.precis.testing.TinyModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The evaluation program with {@code LLM_PROVIDER=local} on a tiny model the tests write themselves: it starts the
 * packaged service, waits for the model to load, as the service's readiness does, instead of counting every document
 * as a failure, and asks one summary at a time of a model that writes one at a time. The service is a process of its
 * own, as in every run of the program, and llama.cpp's native library loads in one class loader per JVM anyway.
 */
class EvaluateLocalModelIT {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void waitsForTheModelBeforeScoringIt() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(Map.of("LLM_PROVIDER", "local",
                "LLM_MODEL_PATH", TinyModel.file().toString(),
                "LLM_MODEL_SHA256", TinyModel.sha256(),
                "LLM_LOCAL_CONTEXT", String.valueOf(TinyModel.CONTEXT),
                "LLM_LOCAL_THREADS", String.valueOf(TinyModel.THREADS),
                "LLM_MAX_RETRIES", "0"));

        EvaluateRun run = EvaluateRun.with(env, List.of("--limit", "2"));

        // The tiny model writes noise, which the output checks may refuse (a failure, status 1); what matters is that
        // no document found the model still loading.
        assertThat(run.status()).as(run.errorOutput()).isIn(0, 1);
        Map<String, Row> rows = EvaluationTable.rows(run.output());
        assertThat(rows.keySet().iterator().next()).isEqualTo("Provider: local tiny-model");
        assertThat(rows.values().iterator().next().failures()).isBetween(0, 2);
        assertThat(run.output()).doesNotContain("llm-unavailable").contains("1 at once");
    }
}
