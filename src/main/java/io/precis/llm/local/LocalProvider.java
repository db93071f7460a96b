package io.precis.llm.local;

import io.precis.article.LanguageDetector;
import io.precis.check.OutputChecks;
import io.precis.llm.Availability;
import io.precis.llm.ChatBudget;
import io.precis.llm.ChatLlmProvider;
import io.precis.llm.LlmConfig;
import io.precis.llm.LlmTelemetry;
import io.precis.prompt.PromptLibrary;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * A model run inside the service by llama.cpp. Its budgets come from the context it was loaded with, it counts tokens
 * with the model's own tokenizer once the model is loaded, and the model file's SHA-256 tells it from other models.
 */
public final class LocalProvider extends ChatLlmProvider {

    /**
     * Where llama.cpp writes: a thread per answer being written, as generation is computation on the calling thread;
     * never more than {@code LLM_LOCAL_SLOTS}, which the executor lets through at once.
     */
    private static final Executor COMPUTING = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "llm-local");
        thread.setDaemon(true);
        return thread;
    });

    private final LocalModel local;
    private final int slots;

    public LocalProvider(LlmConfig config, PromptLibrary prompts, LanguageDetector detector, OutputChecks checks, LlmTelemetry telemetry,
            LocalModel local) {
        this(config, prompts, detector, checks, telemetry, local, new LlamaChatModel(local, telemetry));
    }

    private LocalProvider(LlmConfig config, PromptLibrary prompts, LanguageDetector detector, OutputChecks checks, LlmTelemetry telemetry,
            LocalModel local, LlamaChatModel chat) {
        super(chat.ref(), chat, COMPUTING, budget(config, chat),
                prompts, detector, checks, config, telemetry);
        this.local = local;
        this.slots = config.local().slots();
    }

    /**
     * llama.cpp writes as many answers at once as it has slots ({@code LLM_LOCAL_SLOTS}); more callers would wait
     * inside the native library, in a queue nothing bounds. The bulkhead lets that many calls through and queues the
     * rest in its own bounded queue.
     */
    @Override
    protected OptionalInt concurrencyLimit() {
        return OptionalInt.of(slots);
    }

    /** The context it was loaded with bounds both the prompt and the answer. */
    private static ChatBudget budget(LlmConfig config, LlamaChatModel chat) {
        int context = config.local().context();
        return new ChatBudget(Math.min(config.maxInputTokens(), context), Math.min(config.maxOutputTokens(), context),
                context, ", LLM_LOCAL_CONTEXT", text -> chat.countTokens(text).orElseGet(() -> ChatBudget.estimate(text)));
    }

    @Override
    public Availability availability() {
        return local.availability();
    }

    @Override
    protected String fingerprint() {
        return "sha256:" + local.sha256();
    }
}
