package io.precis.llm.local;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.Pair;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.precis.core.Failure;
import io.precis.llm.LlmTelemetry;
import io.precis.llm.ModelCallException;
import io.precis.llm.ModelRef;
import io.precis.llm.ProviderKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * llama.cpp as a LangChain4j {@link StreamingChatModel}, so the local model goes through the same prompts, checks,
 * retries and cache as any provider. The model's own chat template (from the GGUF) turns the messages into a prompt,
 * which is completed token by token on the calling thread, the tokens reaching the handler as llama.cpp writes them:
 * the call returns when the answer is complete. A thread interrupted at its deadline, or a cancelled handle, cancels
 * the generation between two tokens.
 */
final class LlamaChatModel implements StreamingChatModel {

    private final LocalModel local;
    private final ModelRef ref;
    private final LlmTelemetry telemetry;

    LlamaChatModel(LocalModel local, LlmTelemetry telemetry) {
        this.local = local;
        this.ref = new ModelRef(ProviderKind.LOCAL.id(), local.name());
        this.telemetry = telemetry;
    }

    /** The model it runs, as the service names it. */
    ModelRef ref() {
        return ref;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        AtomicBoolean cancelled = new AtomicBoolean();
        PartialResponseContext context = new PartialResponseContext(new StreamingHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        });
        ChatResponse response;
        try {
            response = generate(request, token -> handler.onPartialResponse(new PartialResponse(token), context),
                    cancelled::get);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        handler.onCompleteResponse(response);
    }

    /** Completes the prompt token by token, until the model stops, the limit, or a cancellation. */
    private ChatResponse generate(ChatRequest request, Consumer<String> onToken, BooleanSupplier cancelled) {
        LlamaModel model = local.model().orElseThrow(() -> new ModelCallException(Failure.MODEL_UNAVAILABLE,
                local.unavailableReason(), local.retryAfter(), null, "unavailable", false, false));
        long started = System.nanoTime();
        long firstToken = 0;
        String prompt = model.applyTemplate(new InferenceParameters("").setMessages(system(request.messages()),
                turns(request.messages())));
        int promptTokens = model.encode(prompt).length + 1;
        Integer maxTokens = request.parameters().maxOutputTokens();
        int limit = maxTokens == null ? 512 : maxTokens;
        InferenceParameters parameters = new InferenceParameters(prompt)
                .setNPredict(limit)
                // The slot keeps what it has read of the last prompt: a digest's second part, whose prompt begins with
                // the same system message and fenced article as the first, reads only its task.
                .setCachePrompt(true);
        Double temperature = request.parameters().temperature();
        if (temperature != null) {
            parameters.setTemperature(temperature.floatValue());
        }
        StringBuilder text = new StringBuilder();
        int generated = 0;
        LlamaIterator tokens = model.generate(parameters).iterator();
        boolean finished = false;
        try {
            while (tokens.hasNext()) {
                if (Thread.currentThread().isInterrupted() || cancelled.getAsBoolean()) {
                    throw new TimeoutException("generation cancelled");
                }
                LlamaOutput output = tokens.next();
                if (!output.text.isEmpty()) {
                    if (generated == 0) {
                        firstToken = System.nanoTime();
                    }
                    generated++;
                    onToken.accept(output.text);
                }
                text.append(output.text);
            }
            finished = true;
        } finally {
            if (!finished) {
                tokens.cancel();
            }
        }
        if (generated > 0) {
            telemetry.generation(ref, Duration.ofNanos(firstToken - started), generated,
                    Duration.ofNanos(System.nanoTime() - firstToken));
        }
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text.toString()))
                .tokenUsage(new TokenUsage(promptTokens, generated))
                .finishReason(generated >= limit ? FinishReason.LENGTH : FinishReason.STOP)
                .modelName(local.name())
                .build();
    }

    /** Counts tokens with the model's tokenizer, once it is loaded. */
    java.util.OptionalInt countTokens(String text) {
        return local.model().map(m -> java.util.OptionalInt.of(m.encode(text).length))
                .orElse(java.util.OptionalInt.empty());
    }

    private static String system(List<ChatMessage> messages) {
        StringBuilder system = new StringBuilder();
        for (ChatMessage message : messages) {
            if (message instanceof SystemMessage s) {
                system.append(system.isEmpty() ? "" : "\n\n").append(s.text());
            }
        }
        return system.toString();
    }

    private static List<Pair<String, String>> turns(List<ChatMessage> messages) {
        List<Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message instanceof UserMessage user) {
                turns.add(new Pair<>("user", user.singleText()));
            } else if (message instanceof AiMessage ai) {
                turns.add(new Pair<>("assistant", ai.text() == null ? "" : ai.text()));
            }
        }
        return turns;
    }
}
