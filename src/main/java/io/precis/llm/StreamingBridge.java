package io.precis.llm;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.precis.task.TextSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call through a provider's streaming API, waited for on the calling thread like a blocking call, so that the
 * bulkhead, the deadline and the retries treat both kinds of call alike. The text goes to a sink as it arrives.
 *
 * <p>An interrupt (the deadline, or the last client gone) stops the stream at once: through its handle once some text
 * has arrived, which hands the handle over, and before that by resetting the exchange the transport opened for it
 * ({@link StreamStop}).
 */
final class StreamingBridge {

    private StreamingBridge() {
    }

    /**
     * Calls the model and waits for its complete answer.
     *
     * @return the answer; its finish reason is null when the stream ended without saying why
     * @throws RuntimeException what the provider's client raised, or an exception caused by the interrupt
     */
    static ChatResponse call(StreamingChatModel model, ChatRequest request, TextSink sink) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        StreamStop exchange = StreamStop.open();
        try {
            start(model, request, sink, done, handle, stop);
        } finally {
            exchange.started();
        }
        try {
            return done.get();
        } catch (InterruptedException e) {
            stop.set(true);
            exchange.stop();
            StreamingHandle running = handle.get();
            if (running != null) {
                running.cancel();
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while streaming", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    private static void start(StreamingChatModel model, ChatRequest request, TextSink sink,
            CompletableFuture<ChatResponse> done, AtomicReference<StreamingHandle> handle, AtomicBoolean stop) {
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                if (stop.get()) {
                    context.streamingHandle().cancel();
                } else if (!done.isDone()) {
                    sink.text(partial.text());
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
    }
}
