package io.precis.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a {@link FakeLlmServer} for a test class and points the service at it. Arguments: {@code provider}
 * ({@code openai} or {@code ollama}), and any {@code llm.*} or {@code job.*} setting to pass through, such as
 * {@code llm.timeout}.
 * Everything else about the fake is set by the tests at run time (through {@link FakeLlm}), so that tests that differ
 * only in how the model answers share one Quarkus build and one start.
 */
public class FakeLlmResource implements QuarkusTestResourceLifecycleManager {

    private FakeLlmServer server;
    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        server = FakeLlmServer.start();
        String provider = args.getOrDefault("provider", "openai");
        Map<String, String> config = new HashMap<>();
        config.put("llm.provider", provider);
        config.put("llm.base-url", provider.equals("openai") ? server.url() + "/v1" : server.url());
        config.put("llm.model", "fake-model");
        config.put("llm.api-key", "test-key-not-a-secret");
        args.forEach((key, value) -> {
            if (key.startsWith("llm.") || key.startsWith("job.") || key.startsWith("output.")) {
                config.put(key, value);
            }
        });
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(FakeLlm.class,
                FakeLlmServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
