package io.precis.llm;

import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.precis.article.LanguageDetector;
import io.precis.prompt.PromptLibrary;
import java.util.Map;

/** A model served by Ollama, through its native {@code /api/chat}. */
public final class OllamaProvider extends ChatLlmProvider {

    static final String DEFAULT_BASE_URL = "http://localhost:11434";
    static final String DEFAULT_MODEL = "qwen2.5:1.5b";

    public OllamaProvider(LlmConfig config, PromptLibrary prompts, LanguageDetector detector,
            LlmTelemetry telemetry) {
        super(new ModelRef(ProviderKind.OLLAMA.id(), config.model().orElse(DEFAULT_MODEL)), build(config),
                buildStreaming(config), prompts, detector, config, telemetry);
    }

    private static OllamaStreamingChatModel buildStreaming(LlmConfig config) {
        OllamaStreamingChatModel.OllamaStreamingChatModelBuilder builder = OllamaStreamingChatModel.builder()
                .httpClientBuilder(ProviderHttpClient.builder(config.connectTimeout()))
                .baseUrl(config.baseUrl().orElse(DEFAULT_BASE_URL))
                .modelName(config.model().orElse(DEFAULT_MODEL))
                .timeout(config.timeout())
                .logRequests(false)
                .logResponses(false);
        headers(config).ifPresent(builder::customHeaders);
        config.ollamaNumCtx().ifPresent(builder::numCtx);
        return builder.build();
    }

    /** An Ollama behind an authenticating proxy takes the key as a bearer token. */
    private static java.util.Optional<Map<String, String>> headers(LlmConfig config) {
        return config.apiKey().filter(key -> !key.isBlank()).map(key -> Map.of("Authorization", "Bearer " + key));
    }

    private static OllamaChatModel build(LlmConfig config) {
        OllamaChatModel.OllamaChatModelBuilder builder = OllamaChatModel.builder()
                .httpClientBuilder(ProviderHttpClient.builder(config.connectTimeout()))
                .baseUrl(config.baseUrl().orElse(DEFAULT_BASE_URL))
                .modelName(config.model().orElse(DEFAULT_MODEL))
                .timeout(config.timeout())
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false);
        headers(config).ifPresent(builder::customHeaders);
        config.ollamaNumCtx().ifPresent(builder::numCtx);
        return builder.build();
    }
}
