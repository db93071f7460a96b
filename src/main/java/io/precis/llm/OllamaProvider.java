package io.precis.llm;

import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.precis.article.LanguageDetector;
import io.precis.check.OutputChecks;
import io.precis.prompt.PromptLibrary;
import io.vertx.core.Vertx;
import io.precis.task.GenerationSettings;
import java.util.Map;
import java.util.Optional;

/** A model served by Ollama, through its native {@code /api/chat}. */
public final class OllamaProvider extends ChatLlmProvider {

    static final String DEFAULT_BASE_URL = "http://localhost:11434";
    static final String DEFAULT_MODEL = "qwen2.5:1.5b";

    private final String baseUrl;
    private final LlmConfig config;

    public OllamaProvider(LlmConfig config, PromptLibrary prompts, LanguageDetector detector,
            OutputChecks checks, LlmTelemetry telemetry, Vertx vertx) {
        super(new ModelRef(ProviderKind.OLLAMA.id(), modelName(config)), buildStreaming(config, vertx), null,
                new ChatBudget(config.maxInputTokens(), config.maxOutputTokens(), ChatBudget.UNKNOWN_CONTEXT, "",
                        ChatBudget::estimate),
                prompts, detector, checks, config, telemetry);
        this.baseUrl = ProviderUrls.identity(baseUrl(config));
        this.config = config;
    }

    @Override
    protected String fingerprint() {
        return baseUrl;
    }

    /** Ollama's context window (num_ctx) changes what it writes from a long prompt. */
    @Override
    protected GenerationSettings settings() {
        GenerationSettings common = super.settings();
        return new GenerationSettings(common.temperature(), common.maxOutputTokens(), common.maxInputTokens(),
                config.ollama().numCtx().orElse(0), common.chunkTokens());
    }

    private static String baseUrl(LlmConfig config) {
        return config.baseUrl().orElse(DEFAULT_BASE_URL);
    }

    private static String modelName(LlmConfig config) {
        return config.model().orElse(DEFAULT_MODEL);
    }

    private static OllamaStreamingChatModel buildStreaming(LlmConfig config, Vertx vertx) {
        OllamaStreamingChatModel.OllamaStreamingChatModelBuilder builder = OllamaStreamingChatModel.builder()
                .httpClientBuilder(ProviderHttpClient.builder(config, vertx))
                .baseUrl(baseUrl(config))
                .modelName(modelName(config))
                .logRequests(false)
                .logResponses(false);
        headers(config).ifPresent(builder::customHeaders);
        config.ollama().numCtx().ifPresent(builder::numCtx);
        return builder.build();
    }

    /** An Ollama behind an authenticating proxy takes the key as a bearer token. */
    private static Optional<Map<String, String>> headers(LlmConfig config) {
        return config.apiKey().filter(key -> !key.isBlank()).map(key -> Map.of("Authorization", "Bearer " + key));
    }
}
