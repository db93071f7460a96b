package io.precis.llm;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A streamed response read as it arrives, on its event loop: its bytes cut into lines, its lines into events, each
 * passed to LangChain4j's listener at once, so that no thread waits for the stream. The events are those
 * LangChain4j's own parsers make of the same bytes (which read an input stream, on a thread that waits for it):
 * server-sent events for OpenAI's API, one event per line for Ollama's JSON lines.
 *
 * <p>The stream ends in one of four ways, and the listener hears of the first: its end (it is told the stream closed,
 * then that it ended, which ends the wait of a listener that still expects its last event); a failure of the
 * connection; a limit passed (a body longer than its limit, or a line longer than its limit, fails as
 * {@link AnswerTooLargeException}: an endless answer must not fill the heap); or a stop (its handle cancelled, or
 * its deadline passed). The last two reset the exchange, which closes the connection: the provider stops writing. A
 * stream that ends goes back to the pool.
 */
final class StreamedEvents implements ServerSentEventParsingHandle {

    private static final Logger LOG = Logger.getLogger(StreamedEvents.class);

    /** How a stream's lines make events. */
    enum Format {
        /** Server-sent events: {@code event:} and {@code data:} lines, an empty line ending each event. */
        SERVER_SENT_EVENTS,
        /** Each line an event of its own. */
        LINES;

        /**
         * The format LangChain4j's parser reads.
         *
         * @throws IllegalArgumentException for a parser this class does not know, whose events it cannot make
         */
        static Format of(ServerSentEventParser parser) {
            if (parser.getClass() == DefaultServerSentEventParser.class) {
                return SERVER_SENT_EVENTS;
            }
            if (parser.getClass().getName().equals("dev.langchain4j.model.ollama.OllamaServerSentEventParser")) {
                return LINES;
            }
            throw new IllegalArgumentException("No push reading for LangChain4j's " + parser.getClass().getName());
        }
    }

    private final HttpClientResponse response;
    /** The response's event loop: where it ends, and where it is reset. */
    private final Context loop;
    private final Format format;
    private final ServerSentEventListener listener;
    private final long maxBytes;
    private final int maxLine;
    private final ServerSentEventContext context = new ServerSentEventContext(this);
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile boolean cancelled;
    /** Whether the whole body is in: nothing is left to reset. */
    private volatile boolean ended;
    private volatile ScheduledFuture<?> deadline;
    /** Read on the event loop only. */
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean afterCarriageReturn;
    private long total;
    private String eventName;
    private final StringBuilder data = new StringBuilder();

    /**
     * Made on the response's event loop.
     *
     * @param maxBytes the most bytes the body may have
     * @param maxLine  the most bytes a line of it may have
     */
    StreamedEvents(HttpClientResponse response, Format format, ServerSentEventListener listener, long maxBytes,
            int maxLine) {
        this.response = response;
        this.loop = Vertx.currentContext();
        this.format = format;
        this.listener = listener;
        this.maxBytes = maxBytes;
        this.maxLine = maxLine;
    }

    /**
     * Takes over the response's handlers: call it on the response's event loop, before any of its body is read.
     *
     * @param until  when the stream is stopped if it has not ended ({@link System#nanoTime()})
     * @param timers where that stop waits
     */
    void start(long until, ScheduledExecutorService timers) {
        response.handler(this::arrived);
        response.endHandler(end -> ended());
        response.exceptionHandler(this::failed);
        deadline = timers.schedule(() -> stop(new TimeoutException("The provider's stream outlived its call's"
                + " deadline")), Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (over.get()) {
            deadline.cancel(false);
        }
    }

    /** Stops the stream: LangChain4j's streaming handle, cancelled. */
    @Override
    public void cancel() {
        cancelled = true;
        stop(new IOException("The provider's answer was closed"));
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    private void arrived(Buffer chunk) {
        if (over.get()) {
            return;
        }
        total += chunk.length();
        if (total > maxBytes) {
            stop(new AnswerTooLargeException("The provider's stream went past " + maxBytes + " bytes"));
            return;
        }
        for (int i = 0; i < chunk.length() && !over.get(); i++) {
            byte b = chunk.getByte(i);
            if (b == '\n' && afterCarriageReturn) {
                // The second half of a CRLF: its line has ended already.
                afterCarriageReturn = false;
            } else if (b == '\n' || b == '\r') {
                afterCarriageReturn = b == '\r';
                lineEnded();
            } else {
                afterCarriageReturn = false;
                if (lineLength == maxLine) {
                    stop(new AnswerTooLargeException("The provider's stream has a line longer than " + maxLine
                            + " bytes"));
                    return;
                }
                if (lineLength == line.length) {
                    line = Arrays.copyOf(line, Math.min(maxLine, 2 * line.length));
                }
                line[lineLength++] = b;
            }
        }
    }

    /** A line is in, whole: its bytes may be decoded now, as a character never spans two lines. */
    private void lineEnded() {
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        if (format == Format.LINES) {
            dispatch(new ServerSentEvent(null, text));
        } else if (text.isEmpty()) {
            dispatchPending();
        } else if (text.startsWith("event:")) {
            eventName = text.substring("event:".length()).trim();
        } else if (text.startsWith("data:")) {
            if (!data.isEmpty()) {
                data.append('\n');
            }
            data.append(text.substring("data:".length()).trim());
        }
        // Other lines (comments, ids, retry hints) say nothing LangChain4j reads.
    }

    private void dispatchPending() {
        if (!data.isEmpty()) {
            ServerSentEvent event = new ServerSentEvent(eventName, data.toString());
            eventName = null;
            data.setLength(0);
            dispatch(event);
        }
    }

    private void dispatch(ServerSentEvent event) {
        try {
            listener.onEvent(event, context);
        } catch (Exception e) {
            // As with LangChain4j's parsers: the listener reports its own failures, and the stream goes on.
            LOG.warnf("A provider's stream event could not be handled (%s)", e.getClass().getSimpleName());
        }
    }

    /** The body is in: the last line and event, if the body did not end them, then the end. */
    private void ended() {
        ended = true;
        if (over.get()) {
            return;
        }
        if (lineLength > 0) {
            lineEnded();
        }
        if (format == Format.SERVER_SENT_EVENTS) {
            dispatchPending();
        }
        if (finish()) {
            listener.onClose();
            listener.onError(new IOException("The provider's stream ended"));
        }
    }

    private void failed(Throwable failure) {
        if (finish()) {
            listener.onError(failure instanceof IOException ? failure
                    : new IOException("The provider's stream failed (" + failure.getClass().getSimpleName() + ")",
                            failure));
        }
    }

    /** Ends the stream before its end: the exchange is reset, and the listener hears {@code reason}. */
    private void stop(Throwable reason) {
        if (!finish()) {
            return;
        }
        // On the event loop, where the response ends and only then goes back to the pool: a stream found ended there
        // has given its connection back, maybe to another call already, and is not reset; one not ended yet still has
        // it. What the reset raises is this stop's doing, not news.
        Runnable reset = () -> {
            if (!ended) {
                response.exceptionHandler(ignored -> { });
                response.request().reset();
            }
        };
        if (loop == null || Vertx.currentContext() == loop) {
            reset.run();
        } else {
            loop.runOnContext(ignored -> reset.run());
        }
        listener.onError(reason);
    }

    /** Whether this is the first way the stream ends; its deadline is called off. */
    private boolean finish() {
        if (!over.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> timer = deadline;
        if (timer != null) {
            timer.cancel(false);
        }
        return true;
    }
}
