package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.quality.EvaluationTable.Row;
import io.precis.testing.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar's evaluation command with {@code LLM_PROVIDER=local} on a tiny model the tests write themselves:
 * it waits for the model to load, as the service's readiness does, instead of counting every document as a failure.
 * A process of its own, because llama.cpp's native library loads in one class loader per JVM.
 */
class EvaluateLocalModelIT {

    @Test
    void waitsForTheModelBeforeScoringIt() throws Exception {
        Path out = Files.createTempFile(Path.of("target"), "evaluate-local", ".md");
        Path err = Path.of(out + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                "-jar", System.getProperty("precis.jar", "target/quarkus-app/quarkus-run.jar"),
                "evaluate", "--limit", "2")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(Map.of("LLM_PROVIDER", "local",
                "LLM_MODEL_PATH", TinyModel.file().toString(),
                "LLM_MODEL_SHA256", TinyModel.sha256(),
                "LLM_LOCAL_CONTEXT", String.valueOf(TinyModel.CONTEXT),
                "LLM_LOCAL_THREADS", String.valueOf(TinyModel.THREADS),
                "LLM_MAX_RETRIES", "0"));
        Process process = builder.start();
        boolean exited = process.waitFor(300, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }

        assertThat(exited).as("exited; its log is in %s", err).isTrue();
        // The tiny model writes noise, which the output checks may refuse (a failure, status 1); what matters is that
        // no document found the model still loading.
        assertThat(process.exitValue()).isIn(0, 1);
        String table = Files.readString(out);
        Map<String, Row> rows = EvaluationTable.rows(table);
        assertThat(rows.keySet().iterator().next()).isEqualTo("Provider: local tiny-model");
        assertThat(rows.values().iterator().next().failures()).isBetween(0, 2);
        assertThat(table).doesNotContain("llm-unavailable");
    }
}
