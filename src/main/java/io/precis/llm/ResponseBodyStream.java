package io.precis.llm;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A response body arriving on an event loop, read as an {@link InputStream} on another thread: LangChain4j's stream
 * parsers read one. The event loop never waits: it queues what arrives, and pauses the response while more than
 * {@link #HIGH_WATER} bytes wait unread. Closing the stream resets the exchange, which closes its connection, so that
 * the provider stops writing; what was queued is dropped, and a read then, or one waiting, fails. A body longer than
 * its limit, or with a line longer than its limit, is cut the same way and fails its reader
 * ({@link AnswerTooLargeException}): LangChain4j's parsers read lines whole, and an endless one would fill the heap.
 */
final class ResponseBodyStream extends InputStream {

    /** Unread bytes past which the response is paused until the reader catches up. */
    static final int HIGH_WATER = 256 * 1024;
    private static final Object END = new Object();
    private static final Object CLOSED = new Object();

    private final HttpClientResponse response;
    private final long maxBytes;
    private final int maxLine;
    private final LinkedBlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    /** Bytes arrived, and since the last line feed: counted on the event loop. */
    private long total;
    private long line;
    private int queued;
    private boolean paused;
    private byte[] current;
    private int position;
    private Object finished;
    private volatile boolean closed;
    /** Why the body was ended before its end: {@link #CLOSED}, or a failure. */
    private final AtomicReference<Object> stopped = new AtomicReference<>();
    /** Whether the whole body is in: the exchange is over, and there is nothing left to reset. */
    private volatile boolean ended;

    /**
     * Takes over the response's handlers: call it on the response's event loop, before any of its body is read.
     *
     * @param maxBytes the most bytes the body may have
     * @param maxLine  the most bytes a line of it may have
     */
    ResponseBodyStream(HttpClientResponse response, long maxBytes, int maxLine) {
        this.response = response;
        this.maxBytes = maxBytes;
        this.maxLine = maxLine;
        response.handler(this::arrived);
        response.endHandler(end -> {
            ended = true;
            arrived.add(END);
        });
        response.exceptionHandler(failure -> {
            if (!closed) {
                arrived.add(failure);
            }
        });
    }

    private void arrived(Buffer chunk) {
        if (closed) {
            return;
        }
        byte[] bytes = chunk.getBytes();
        total += bytes.length;
        if (total > maxBytes) {
            stop(new AnswerTooLargeException("The provider's stream went past " + maxBytes + " bytes"));
            return;
        }
        for (byte b : bytes) {
            if (b == '\n') {
                line = 0;
            } else if (++line > maxLine) {
                stop(new AnswerTooLargeException(
                        "The provider's stream has a line longer than " + maxLine + " bytes"));
                return;
            }
        }
        synchronized (this) {
            queued += bytes.length;
            if (!paused && queued > HIGH_WATER) {
                // Under the lock, as the resume is: a pause called after a resume it raced with would win for good.
                paused = true;
                response.pause();
            }
        }
        arrived.add(bytes);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (closed) {
            throw stoppedFailure();
        }
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length) {
            if (!next()) {
                return -1;
            }
        }
        if (closed) {
            // Closed while this read waited for the chunk.
            throw stoppedFailure();
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, into, offset, count);
        position += count;
        return count;
    }

    /** Takes the next chunk; false at the end of the body. */
    private boolean next() throws IOException {
        if (finished == null) {
            try {
                Object next = arrived.take();
                if (next instanceof byte[] bytes) {
                    taken(bytes.length);
                    current = bytes;
                    position = 0;
                    return true;
                }
                finished = next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while reading the provider's answer");
            }
        }
        if (finished == END) {
            return false;
        }
        if (finished == CLOSED || closed) {
            // Stopped: what the stop raised meanwhile (a reset reported by the connection) is not the reason.
            throw stoppedFailure();
        }
        Throwable failure = (Throwable) finished;
        throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
    }

    private void taken(int bytes) {
        synchronized (this) {
            queued -= bytes;
            if (paused && queued <= HIGH_WATER / 2) {
                paused = false;
                response.resume();
            }
        }
    }

    @Override
    public void close() {
        stop(CLOSED);
    }

    private IOException stoppedFailure() {
        return stopped.get() instanceof IOException failure ? failure
                : new IOException("The provider's answer was closed");
    }

    /** Ends the body: the connection is reset, and the reader gets {@code reason} (closed, or a failure). */
    private void stop(Object reason) {
        if (!stopped.compareAndSet(null, reason)) {
            return;
        }
        closed = true;
        if (!ended) {
            // Only while the body is still coming; the connection is the stream's own (streams never go back to the
            // pool), so a reset racing with the end closes nothing another call uses.
            response.request().reset();
        }
        // What is queued will not be read: a read waiting, or the next, fails at once.
        arrived.clear();
        arrived.add(reason);
    }
}
