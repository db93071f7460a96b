package io.precis.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.testing.BlobServer;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's examples run as written against the packaged service and answer what the README shows, so that the
 * README cannot drift from the service. Each example is a shell block after {@code <!-- example: KIND -->}, its answer
 * the JSON block after {@code <!-- output -->}; {@code …} in a shown string stands for what differs between runs or
 * machines (the text before and after it must match). Commands run from the repository root, with
 * {@code localhost:8080} pointed at the service under test.
 */
class ReadmeExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ELISION = "…";

    /** One example: a kind (which service it needs), its command, and the answer shown, if any. */
    record Example(String kind, String command, Optional<String> output) {
    }

    @Test
    void everyExampleWithoutAModelRunsAsWrittenAndAnswersAsShown() throws Exception {
        List<Example> examples = examples("no-model");
        assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
        // The default configuration on a machine where the model cannot be had: its download fails at once. A
        // loopback server without the file stands for the unreachable host, so that the test reaches nothing outside.
        try (BlobServer nowhere = new BlobServer(new byte[0]);
                ServiceProcess service = ServiceProcess.startAlive("readme-no-model", Map.of(
                        "LLM_MODEL_URL", nowhere.url("/qwen2.5-1.5b-instruct-q4_k_m.gguf").toString(),
                        "XDG_CACHE_HOME", Path.of("target", "readme-cache").toAbsolutePath().toString()))) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> service
                    .get("/q/health/ready").body().contains("\"failed\""));
            for (Example example : examples) {
                assertAnswersAsShown(example, run(example.command(), service));
            }
            // Swagger UI, which the README sends users to, runs its examples against the port it is served from:
            // the API's, not the management one; so does its model-state banner (.ci/swagger-ui-check reads it).
            assertThat(service.get("/q/swagger-ui/").body()).contains("/docs/model-state.js");
            assertThat(service.get("/q/openapi").statusCode()).isEqualTo(200);
            assertThat(service.get("/docs/model-state.js").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void everyExampleWithAModelRunsAsWrittenAndComesFromTheCacheTheSecondTime() throws Exception {
        List<Example> examples = examples("model");
        assertThat(examples).isNotEmpty();
        try (FakeLlmServer model = FakeLlmServer.start();
                ServiceProcess service = ServiceProcess.start("readme-model", Map.of(
                        "LLM_PROVIDER", "openai",
                        "LLM_BASE_URL", model.url() + "/v1",
                        "LLM_MODEL", "gpt-4o-mini",
                        "LLM_API_KEY", "sk-test"))) {
            for (Example example : examples) {
                assertAnswersAsShown(example, run(example.command(), service));
                assertThat(JSON.readTree(run(example.command(), service)).path("cached").asBoolean())
                        .as("sent again: %s", example.command()).isTrue();
            }
            // Jobs: a request for what is not stored yet, which the example polls until it is done.
            List<Example> jobs = examples("job");
            assertThat(jobs).isNotEmpty();
            for (Example example : jobs) {
                assertAnswersAsShown(example, run(example.command(), service));
            }
        }
    }

    @Test
    void theExamplesAreFoundAndTheComparisonHonoursOnlyTheElisionsShown() throws Exception {
        assertThat(examples("no-model")).allSatisfy(example -> assertThat(example.output()).isPresent());
        assertThat(examples("model")).allSatisfy(example -> assertThat(example.output()).isPresent());
        assertThat(examples("job")).allSatisfy(example -> assertThat(example.output()).isPresent());
        assertThat(matches(JSON.readTree("{\"a\": \"x…z\"}"), JSON.readTree("{\"a\": \"xyz\"}"))).isTrue();
        assertThat(matches(JSON.readTree("{\"a\": \"x…z\"}"), JSON.readTree("{\"a\": \"xy\"}"))).isFalse();
        assertThat(matches(JSON.readTree("{\"a\": 1}"), JSON.readTree("{\"a\": 1, \"b\": 2}"))).isFalse();
    }

    private static void assertAnswersAsShown(Example example, String answer) throws IOException {
        JsonNode actual = JSON.readTree(answer);
        JsonNode shown = JSON.readTree(example.output().orElseThrow());
        assertThat(matches(shown, actual)).as("%s%n answered%n%s%n not what the README shows:%n%s", example
                .command(), actual.toPrettyString(), shown.toPrettyString()).isTrue();
    }

    /** Whether an answer is what was shown: the same fields, the same values but where the shown one elides. */
    static boolean matches(JsonNode shown, JsonNode actual) {
        if (shown.isTextual() && shown.asText().contains(ELISION)) {
            String text = shown.asText();
            String before = text.substring(0, text.indexOf(ELISION));
            String after = text.substring(text.lastIndexOf(ELISION) + 1);
            String value = actual.isValueNode() ? actual.asText() : actual.toString();
            return !actual.isMissingNode() && value.startsWith(before) && value.endsWith(after)
                    && value.length() >= before.length() + after.length();
        }
        if (shown.isObject()) {
            if (!actual.isObject() || shown.size() != actual.size()) {
                return false;
            }
            for (Iterator<String> names = shown.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!matches(shown.get(name), actual.path(name))) {
                    return false;
                }
            }
            return true;
        }
        return shown.equals(actual);
    }

    /** The README's examples of one kind, in order. */
    static List<Example> examples(String kind) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("<!-- example: " + kind + " -->")) {
                int[] next = {i + 1};
                String command = block(lines, next, "```shell");
                Optional<String> output = Optional.empty();
                int after = next[0];
                while (after < lines.size() && !lines.get(after).startsWith("<!--") && !lines.get(after)
                        .startsWith("```")) {
                    after++;
                }
                if (after < lines.size() && lines.get(after).strip().equals("<!-- output -->")) {
                    next[0] = after + 1;
                    output = Optional.of(block(lines, next, "```json"));
                }
                examples.add(new Example(kind, command, output));
            }
        }
        return examples;
    }

    /** The fenced block that starts at or after {@code at[0]} with {@code fence}; leaves {@code at[0]} after it. */
    private static String block(List<String> lines, int[] at, String fence) {
        int start = at[0];
        while (!lines.get(start).strip().equals(fence)) {
            start++;
        }
        StringBuilder body = new StringBuilder();
        int line = start + 1;
        while (!lines.get(line).strip().equals("```")) {
            body.append(lines.get(line)).append('\n');
            line++;
        }
        at[0] = line + 1;
        return body.toString();
    }

    /** Runs a README command from the repository root against the service, and returns what it printed. */
    private static String run(String command, ServiceProcess service) throws IOException, InterruptedException {
        String pointed = command.replace("localhost:8080", service.url().replace("http://", ""));
        Path output = Files.createTempFile(Path.of("target"), "readme-example", ".out");
        Process bash = new ProcessBuilder("bash", "-c", pointed).redirectOutput(output.toFile())
                .redirectErrorStream(false).start();
        boolean exited = bash.waitFor(60, TimeUnit.SECONDS);
        bash.destroyForcibly();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exited).as("%s ended within a minute", command).isTrue();
        assertThat(bash.exitValue()).as("%s exited with %d, printing%n%s", command, bash.exitValue(), printed)
                .isZero();
        return printed;
    }

}
