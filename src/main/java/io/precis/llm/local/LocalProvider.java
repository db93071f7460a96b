package io.precis.llm.local;

import io.precis.article.LanguageDetector;
import io.precis.llm.ChatLlmProvider;
import io.precis.llm.LlmConfig;
import io.precis.llm.LlmTelemetry;
import io.precis.llm.ModelRef;
import io.precis.llm.ProviderKind;
import io.precis.prompt.PromptLibrary;

/**
 * A model run inside the service by llama.cpp. Its budgets come from the context it was loaded with, and it counts
 * tokens with the model's own tokenizer once the model is loaded.
 */
public final class LocalProvider extends ChatLlmProvider {

    private final LlamaChatModel chat;
    private final LlmConfig config;

    public LocalProvider(LlmConfig config, PromptLibrary prompts, LanguageDetector detector, LlmTelemetry telemetry,
            LocalModel local) {
        this(config, prompts, detector, telemetry, local, new LlamaChatModel(local, config.retryAfter()));
    }

    private LocalProvider(LlmConfig config, PromptLibrary prompts, LanguageDetector detector, LlmTelemetry telemetry,
            LocalModel local, LlamaChatModel chat) {
        super(new ModelRef(ProviderKind.LOCAL.id(), local.name()), chat, chat.streaming(), prompts, detector, config, telemetry);
        this.chat = chat;
        this.config = config;
    }

    /**
     * One llama.cpp context generates one sequence at a time; more callers would wait inside the native library, in a
     * queue nothing bounds. The bulkhead lets one call through and queues the rest in its own bounded queue.
     */
    @Override
    public java.util.OptionalInt concurrencyLimit() {
        return java.util.OptionalInt.of(1);
    }

    @Override
    protected int maxOutputTokens() {
        return Math.min(config.maxOutputTokens(), config.localContext());
    }

    @Override
    protected int maxInputTokens() {
        return Math.min(config.maxInputTokens(), config.localContext());
    }

    @Override
    protected int contextTokens() {
        return config.localContext();
    }

    @Override
    protected String contextSetting() {
        return ", LLM_LOCAL_CONTEXT";
    }

    @Override
    public int countTokens(String text) {
        return chat.countTokens(text).orElseGet(() -> super.countTokens(text));
    }
}
