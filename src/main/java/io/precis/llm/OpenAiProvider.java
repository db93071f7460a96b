package io.precis.llm;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.precis.article.LanguageDetector;
import io.precis.prompt.PromptLibrary;

/**
 * Any OpenAI-compatible chat-completions API: OpenAI, Azure OpenAI (v1 API), Mistral, vLLM, llama.cpp server,
 * LM Studio, Ollama's {@code /v1}.
 */
public final class OpenAiProvider extends ChatLlmProvider {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    static final String DEFAULT_MODEL = "gpt-4o-mini";

    public OpenAiProvider(LlmConfig config, PromptLibrary prompts, LanguageDetector detector,
            LlmTelemetry telemetry) {
        super(new ModelRef(ProviderKind.OPENAI.id(), config.model().orElse(DEFAULT_MODEL)),
                OpenAiChatModel.builder()
                        .httpClientBuilder(ProviderHttpClient.builder(config.connectTimeout()))
                        .baseUrl(config.baseUrl().orElse(DEFAULT_BASE_URL))
                        .apiKey(config.apiKey().filter(key -> !key.isBlank()).orElse(null))
                        .modelName(config.model().orElse(DEFAULT_MODEL))
                        .timeout(config.timeout())
                        // Retries belong to one layer of the service, not to every client under it.
                        .maxRetries(0)
                        .logRequests(false)
                        .logResponses(false)
                        .build(),
                prompts, detector, config, telemetry);
    }
}
