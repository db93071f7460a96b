package io.precis.llm;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.precis.task.Cancellation;
import io.precis.task.TextSink;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call through a provider's streaming API, as a future: the text goes to a sink as it arrives, and no thread
 * waits for the answer. Every call to a provider over the network goes this way, also those whose text nobody reads
 * before the end, so that none holds a thread while the model writes.
 *
 * <p>Stopping the call (its deadline, or the last client gone), or its failure, ends the stream at once: through its
 * handle once some text has arrived, which hands the handle over, and before that by resetting the exchange the
 * transport opened for it ({@link StreamStop}).
 */
final class StreamingBridge {

    private StreamingBridge() {
    }

    /**
     * Starts the call.
     *
     * @return the answer, whose finish reason is null when the stream ended without saying why; or what the provider's
     *         client raised, or a {@link CancellationException} once stopped
     */
    static CompletableFuture<ChatResponse> start(StreamingChatModel model, ChatRequest request, TextSink sink,
            Cancellation stop) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        StreamStop exchange = StreamStop.open();
        try {
            model.chat(request, handler(sink, done, handle, stopped));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        } finally {
            exchange.started();
        }
        done.whenComplete((response, failure) -> {
            if (failure != null && stopped.compareAndSet(false, true)) {
                // Stopped, or failed (a malformed event, which LangChain4j reports and then reads on past): the
                // exchange ends too, so that the provider stops writing and a retry never runs beside a stream still
                // open.
                exchange.stop();
                StreamingHandle running = handle.get();
                if (running != null) {
                    running.cancel();
                }
            }
        });
        // The stop fails the answer before the exchange ends: the end is the stop's doing, not the provider's failure.
        stop.onCancel(() -> done.completeExceptionally(new CancellationException("The call was stopped")));
        return done;
    }

    private static StreamingChatResponseHandler handler(TextSink sink, CompletableFuture<ChatResponse> done,
            AtomicReference<StreamingHandle> handle, AtomicBoolean stopped) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                if (stopped.get()) {
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
        };
    }
}
