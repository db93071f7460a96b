package io.precis.llm.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.precis.llm.LlmTelemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local provider's model code on a tiny model the test writes itself. It runs in the service (a native library
 * loads in one class loader per JVM, so every test of the model shares the application's). The model's output is
 * noise: these tests check the mechanics (the chat call, the token limit, the deadline), not the text. The bounded queue is tested with the
 * running service, in {@link LocalProviderTest}.
 */
@QuarkusTest
@TestProfile(LocalProviderTest.TinyLocalModel.class)
class LlamaChatModelTest {

    @Inject
    LocalModel local;

    @Inject
    LlmTelemetry telemetry;

    @Inject
    MeterRegistry registry;

    private LlamaChatModel chat;

    @BeforeEach
    void awaitTheModel() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> local.model().isPresent());
        chat = new LlamaChatModel(local, telemetry);
    }

    /** The model's answer, computed on this thread; what it failed with, thrown. */
    private ChatResponse answer(ChatRequest request) {
        java.util.concurrent.CompletableFuture<ChatResponse> done = new java.util.concurrent.CompletableFuture<>();
        chat.chat(request, completing(done));
        assertThat(done).as("answered before the call returned").isDone();
        try {
            return done.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    @Test
    void theTinyModelLoadsAndIsReady() {
        assertThat(local.state().phase()).isEqualTo(LocalModel.Phase.READY);
        assertThat(local.name()).isEqualTo("tiny-model");
    }

    /**
     * With two slots (the profile's LLM_LOCAL_SLOTS=2) llama.cpp writes two answers at once: the second answer's
     * first token comes before the first answer's last. With one slot it would come after.
     */
    @Test
    void twoSlotsWriteTwoAnswersAtOnce() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<long[]> one = callers.submit(() -> timesOfFirstTokenAndEnd(1_800));
            Future<long[]> two = callers.submit(() -> timesOfFirstTokenAndEnd(1_800));
            long[] a = one.get();
            long[] b = two.get();

            assertThat(Math.max(a[0], b[0])).as("the later first token").isLessThan(Math.min(a[1], b[1]));
        } finally {
            callers.shutdownNow();
        }
    }

    /** Streams an answer of this many tokens; when its first token came and when it ended, in nanoseconds. */
    private long[] timesOfFirstTokenAndEnd(int tokens) {
        long[] times = new long[2];
        chat.chat(request(tokens), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                if (times[0] == 0) {
                    times[0] = System.nanoTime();
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                times[1] = System.nanoTime();
            }

            @Override
            public void onError(Throwable error) {
                throw new AssertionError(error);
            }
        });
        return times;
    }

    @Test
    void recordsTheTimeToTheFirstTokenAndThePaceOfTheRest() {
        long before = firstTokens();
        long speedsBefore = speeds().count();

        answer(request(16));

        assertThat(firstTokens()).isEqualTo(before + 1);
        assertThat(speeds().count()).isEqualTo(speedsBefore + 1);
        // 15 tokens after the first, at some positive pace the tiny model on this machine manages.
        assertThat(speeds().max()).isPositive();
    }

    private long firstTokens() {
        Timer timer = registry.find("precis.llm.first.token").tags("provider", "local", "model", "tiny-model").timer();
        return timer == null ? 0 : timer.count();
    }

    private DistributionSummary speeds() {
        return registry.find("precis.llm.generation.speed").tags("provider", "local", "model", "tiny-model")
                .summaries().stream().findFirst().orElseGet(() -> DistributionSummary.builder("none")
                        .register(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    }

    @Test
    void answersAChatCallWithItsTokenUsage() {
        ChatResponse response = answer(request(16));

        assertThat(response.aiMessage().text()).isNotBlank();
        assertThat(response.tokenUsage().inputTokenCount()).isGreaterThan(10);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(16);
        assertThat(response.modelName()).isEqualTo("tiny-model");
    }

    @Test
    void stopsAtTheTokenLimitAndSaysSo() {
        ChatResponse response = answer(request(5));

        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(5);
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void countsTokensWithTheModelsTokenizer() {
        assertThat(chat.countTokens("hello world")).hasValue(local.model().orElseThrow().encode("hello world")
                .length);
    }

    @Test
    void anInterruptAtTheDeadlineCancelsTheGenerationAndFreesTheModel() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<ChatResponse> endless = thread.submit(() -> answer(request(10_000_000)));
            Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> !endless.isDone());

            long interrupted = System.nanoTime();
            endless.cancel(true);
            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> thread.submit(() -> true).get());
            assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(2));
        } finally {
            thread.shutdownNow();
        }
        assertThat(answer(request(4)).tokenUsage().outputTokenCount()).isEqualTo(4);
    }

    @Test
    void anInterruptedCallEndsWithATimeout() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> answer(request(100))).isInstanceOf(TimeoutException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void streamsEveryTokenAsItIsWrittenThenTheWholeAnswer() {
        List<String> tokens = new java.util.ArrayList<>();
        java.util.concurrent.CompletableFuture<ChatResponse> done = new java.util.concurrent.CompletableFuture<>();

        chat.chat(request(12), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                tokens.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        ChatResponse response = done.join();
        assertThat(tokens).hasSize(12);
        assertThat(String.join("", tokens)).isEqualTo(response.aiMessage().text());
        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void aCancelledStreamStopsAtTheNextToken() {
        List<String> tokens = new java.util.ArrayList<>();
        java.util.concurrent.CompletableFuture<ChatResponse> done = new java.util.concurrent.CompletableFuture<>();

        chat.chat(request(10_000_000), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                tokens.add(partial.text());
                if (tokens.size() == 3) {
                    context.streamingHandle().cancel();
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        assertThat(done).isCompletedExceptionally();
        assertThat(tokens).hasSize(3);
        assertThat(answer(request(4)).tokenUsage().outputTokenCount()).isEqualTo(4);
    }

    /** A handler that completes {@code done} with the answer, or with what the call failed with. */
    static StreamingChatResponseHandler completing(java.util.concurrent.CompletableFuture<ChatResponse> done) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        };
    }

    static ChatRequest request(int maxTokens) {
        return ChatRequest.builder()
                .messages(List.of(SystemMessage.from("You are terse."), UserMessage.from("hello world")))
                .maxOutputTokens(maxTokens)
                .temperature(0.2)
                .build();
    }
}
