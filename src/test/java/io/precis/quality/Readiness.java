package io.precis.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * What the service's readiness endpoint ({@code /q/health/ready}) says.
 *
 * @param ready            whether the service is ready
 * @param provider         the provider that serves requests, from the {@code llm} check
 * @param model            its model
 * @param localModelState  where the local model's preparation stands (downloading, loading, ready, failed...), or
 *                         empty when the provider is not {@code local}
 * @param localModelDetail what the preparation is doing, or why it failed
 * @param down             the checks that are down
 */
record Readiness(boolean ready, String provider, String model, Optional<String> localModelState,
        String localModelDetail, List<String> down) {

    /** Reads the endpoint's answer. */
    static Readiness of(JsonNode health) {
        List<JsonNode> checks = StreamSupport.stream(health.path("checks").spliterator(), false).toList();
        JsonNode llm = data(checks, "llm");
        JsonNode local = data(checks, "local-model");
        return new Readiness("UP".equals(health.path("status").asText()), llm.path("provider").asText(),
                llm.path("model").asText(), Optional.ofNullable(local.path("state").textValue()),
                local.path("detail").asText(),
                checks.stream().filter(c -> !"UP".equals(c.path("status").asText()))
                        .map(c -> c.path("name").asText()).toList());
    }

    /** Whether the local model could not be made ready: the service will not become ready by itself. */
    boolean localModelFailed() {
        return localModelState.filter("failed"::equals).isPresent();
    }

    /** Whether the local model is still on its way: downloading or loading can take minutes. */
    boolean localModelPreparing() {
        return localModelState.filter(state -> !state.equals("ready") && !state.equals("failed")).isPresent();
    }

    private static JsonNode data(List<JsonNode> checks, String name) {
        return checks.stream().filter(c -> name.equals(c.path("name").asText())).findFirst()
                .map(c -> c.path("data")).orElseGet(MissingNode::getInstance);
    }
}
