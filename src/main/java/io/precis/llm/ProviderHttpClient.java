package io.precis.llm;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.precis.task.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport under LangChain4j's provider clients: the JDK HTTP client, speaking HTTP/1.1 (no h2c upgrade, which
 * some OpenAI-compatible servers mishandle), and raising {@link UpstreamHttpException} so that a provider's
 * Retry-After survives into the 503 the client sees, for streaming calls as for the others. An exchange waits no
 * longer than the deadline of the call it serves ({@link Deadline#current()}); the timeouts LangChain4j's builders
 * would set are ignored, so that a call has one clock.
 */
final class ProviderHttpClient implements HttpClient {

    /** A millisecond: an exchange asked for after its deadline fails at once rather than waiting without a bound. */
    private static final Duration PASSED = Duration.ofMillis(1);
    /**
     * Where streamed bodies are read: one thread per stream under way, idle ones ending after a minute. Never the
     * caller's thread, which must be free to wait, and to be interrupted, while the stream runs.
     */
    private static final Executor STREAM_READERS = streamReaders();
    /** Closes the streams still open at their call's deadline. */
    private static final ScheduledExecutorService STREAM_DEADLINES = streamDeadlines();

    private final Duration connectTimeout;
    /** For an exchange made outside a call's deadline. */
    private final Duration timeout;
    private final Executor readers;
    /** Built on first use: a JDK client sets up TLS when it is built, which costs start-up time (about 0.15 s here). */
    private volatile java.net.http.HttpClient http;

    private ProviderHttpClient(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.timeout = builder.timeout;
        this.readers = builder.readers;
    }

    private java.net.http.HttpClient http() {
        java.net.http.HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = java.net.http.HttpClient.newBuilder()
                            .version(java.net.http.HttpClient.Version.HTTP_1_1)
                            .connectTimeout(connectTimeout)
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    /**
     * A builder whose timeouts are the service's: {@code LLM_CONNECT_TIMEOUT} to connect (LangChain4j's model builders
     * would set it to the whole deadline), and {@code LLM_TIMEOUT} for an exchange made outside a call's deadline.
     */
    static Builder builder(LlmConfig config) {
        return new Builder(config.connectTimeout(), config.timeout());
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            java.net.http.HttpResponse<String> response = http().send(toJdk(request), BodyHandlers.ofString());
            if (!successful(response)) {
                throw new UpstreamHttpException(response.statusCode(), response.body(),
                        retryAfter(response.headers().firstValue("Retry-After")));
            }
            return success(response, response.body());
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the provider", e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A streaming call: the body is parsed as it arrives ({@link #read}). The call's deadline bounds the wait for the
     * response's headers, and then the body: the stream is closed when it passes.
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Duration left = Deadline.current().map(Deadline::remaining).orElse(timeout);
        read(http().sendAsync(toJdk(request), BodyHandlers.ofInputStream()), System.nanoTime() + left.toNanos(),
                parser, listener);
    }

    /**
     * Reads a streamed response when it comes, on a reader thread, never on the caller's, even when the response is
     * in already: the caller waits for the answer, and is interrupted to stop it (its client gone, its deadline
     * passed), which a read of the JDK client's body stream ignores (and clears). Stopping closes the stream instead
     * (LangChain4j's streaming handle), which ends the read at once; a stream still open at {@code until}
     * ({@link System#nanoTime()}) is closed then, so that one that stalls before its first text, which hands over the
     * handle, does not hold its reader.
     *
     * <p>When the body ends, the listener hears that it closed, then that it ended: a stream cut before its last
     * event leaves a listener that waits for that event (Ollama's) waiting, and the error ends that wait. A listener
     * that has already completed its answer ignores it.
     */
    void read(CompletableFuture<java.net.http.HttpResponse<InputStream>> exchange, long until,
            ServerSentEventParser parser, ServerSentEventListener listener) {
        exchange.thenAcceptAsync(response -> {
            if (!successful(response)) {
                String body;
                try (InputStream in = response.body()) {
                    body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    body = "";
                }
                listener.onError(new UpstreamHttpException(response.statusCode(), body,
                        retryAfter(response.headers().firstValue("Retry-After"))));
                return;
            }
            listener.onOpen(success(response, null));
            try (InputStream in = response.body()) {
                ScheduledFuture<?> closing = STREAM_DEADLINES.schedule(() -> closeQuietly(in),
                        Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                try {
                    parser.parse(in, listener);
                } finally {
                    closing.cancel(false);
                }
                listener.onClose();
                listener.onError(new IOException("The provider's stream ended"));
            } catch (IOException e) {
                listener.onError(e);
            }
        }, readers).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            listener.onError(cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause);
            return null;
        });
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder jdk = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .method(request.method().name(), request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> jdk.header(name, value)));
        // No current deadline is a call made outside the executor: it gets a deadline's length, never no bound.
        Duration left = Deadline.current().map(Deadline::remaining).orElse(timeout);
        jdk.timeout(left.isNegative() || left.isZero() ? PASSED : left);
        return jdk.build();
    }

    private static boolean successful(java.net.http.HttpResponse<?> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    private static SuccessfulHttpResponse success(java.net.http.HttpResponse<?> response, String body) {
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(body)
                .build();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Closed already, or failing to: the read ends either way.
        }
    }

    private static ScheduledExecutorService streamDeadlines() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "llm-stream-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // A stream that ended cancels its closing, which must then let go of the stream at once, not at its deadline.
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    private static Executor streamReaders() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "llm-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads a Retry-After header given in seconds; the HTTP-date form is rare from APIs and is ignored. */
    static Duration retryAfter(Optional<String> header) {
        return header.map(String::strip).filter(v -> v.matches("\\d{1,6}(\\.\\d+)?"))
                .map(v -> Duration.ofMillis((long) Math.ceil(Double.parseDouble(v) * 1000)))
                .orElse(null);
    }

    /** Builds the transport; the timeouts LangChain4j's model builders set are ignored. */
    static final class Builder implements HttpClientBuilder {

        private final Duration connectTimeout;
        private final Duration timeout;
        private Executor readers = STREAM_READERS;

        private Builder(Duration connectTimeout, Duration timeout) {
            this.connectTimeout = connectTimeout;
            this.timeout = timeout;
        }

        /** Reads streamed bodies on {@code executor} instead of the service's stream readers. */
        Builder readingOn(Executor executor) {
            this.readers = executor;
            return this;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        /** Ignored: the connect timeout comes from LLM_CONNECT_TIMEOUT, not from the model builder's deadline. */
        @Override
        public Builder connectTimeout(Duration timeout) {
            return this;
        }

        /** None: an exchange is bounded by the deadline of its call. */
        @Override
        public Duration readTimeout() {
            return null;
        }

        /** Ignored: an exchange is bounded by the deadline of its call, not by a timeout of its own. */
        @Override
        public Builder readTimeout(Duration timeout) {
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProviderHttpClient(this);
        }
    }
}
