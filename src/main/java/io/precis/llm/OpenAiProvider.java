package io.precis.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.precis.article.LanguageDetector;
import io.precis.check.OutputChecks;
import io.precis.prompt.PromptLibrary;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Any OpenAI-compatible chat-completions API: OpenAI, Azure OpenAI (v1 API), Mistral, vLLM, llama.cpp server,
 * LM Studio, Ollama's {@code /v1}.
 */
public final class OpenAiProvider extends ChatLlmProvider {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    static final String DEFAULT_MODEL = "gpt-4o-mini";

    private final String baseUrl;

    public OpenAiProvider(LlmConfig config, PromptLibrary prompts, LanguageDetector detector,
            OutputChecks checks, LlmTelemetry telemetry, Vertx vertx) {
        super(new ModelRef(ProviderKind.OPENAI.id(), modelName(config)),
                OpenAiStreamingChatModel.builder()
                        .httpClientBuilder(ProviderHttpClient.builder(config, vertx))
                        .baseUrl(baseUrl(config))
                        .apiKey(apiKey(config))
                        .modelName(modelName(config))
                        .logRequests(false)
                        .logResponses(false)
                        .build(),
                null, budget(config), prompts, detector, checks, config, telemetry);
        this.baseUrl = ProviderUrls.identity(baseUrl(config));
    }

    @Override
    protected String fingerprint() {
        return baseUrl;
    }

    private static String baseUrl(LlmConfig config) {
        return config.baseUrl().orElse(DEFAULT_BASE_URL);
    }

    private static String modelName(LlmConfig config) {
        return config.model().orElse(DEFAULT_MODEL);
    }

    private static String apiKey(LlmConfig config) {
        return config.apiKey().filter(key -> !key.isBlank()).orElse(null);
    }

    /** Exact counts for OpenAI's own models, whose tokenizers are published; an estimate for everything else. */
    private static ChatBudget budget(LlmConfig config) {
        Optional<Encoding> encoding = encodingFor(modelName(config));
        return new ChatBudget(config.maxInputTokens(), config.maxOutputTokens(), ChatBudget.UNKNOWN_CONTEXT, "",
                text -> encoding.map(e -> e.countTokensOrdinary(text)).orElseGet(() -> ChatBudget.estimate(text)));
    }

    static Optional<Encoding> encodingFor(String model) {
        String name = model.toLowerCase(java.util.Locale.ROOT);
        EncodingType type = name.startsWith("gpt-4o") || name.startsWith("gpt-4.1") || name.startsWith("gpt-5")
                || name.matches("o[1-9].*") ? EncodingType.O200K_BASE
                : name.startsWith("gpt-4") || name.startsWith("gpt-3.5") ? EncodingType.CL100K_BASE : null;
        return Optional.ofNullable(type).map(t -> Encodings.newLazyEncodingRegistry().getEncoding(t));
    }
}
