package io.precis.testing;

import io.precis.article.Article;
import io.precis.quality.Lead;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a {@link FakeLlmServer} for a test class and points the service at it. Arguments: {@code provider}
 * ({@code openai} or {@code ollama}), {@code summaries=lead} to answer every summary with the article's first
 * sentence, and any other {@code llm.*} setting to pass through, such as {@code llm.timeout}.
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
        if ("lead".equals(args.get("summaries"))) {
            // Each summary is the article's first sentence: a summary tied to its article, as a model's is.
            server.summarizeWith(article -> Lead.of(Article.of(article), 1));
        }
        String provider = args.getOrDefault("provider", "openai");
        Map<String, String> config = new HashMap<>();
        config.put("llm.provider", provider);
        config.put("llm.base-url", provider.equals("openai") ? server.url() + "/v1" : server.url());
        config.put("llm.model", "fake-model");
        config.put("llm.api-key", "test-key-not-a-secret");
        args.forEach((key, value) -> {
            if (key.startsWith("llm.")) {
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
