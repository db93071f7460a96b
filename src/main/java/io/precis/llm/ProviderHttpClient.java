package io.precis.llm;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.precis.task.Deadline;
import io.netty.handler.codec.DecoderException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The transport under LangChain4j's provider clients: Vert.x's non-blocking HTTP client, on the event loops Quarkus
 * already runs, speaking HTTP/1.1 (no h2c upgrade, which some OpenAI-compatible servers mishandle), and raising
 * {@link UpstreamHttpException} so that a provider's Retry-After survives into the 503 the client sees, for streaming
 * calls as for the others. An exchange waits no longer than the deadline of the call it serves
 * ({@link Deadline#current()}); the timeouts LangChain4j's builders would set are ignored, so that a call has one
 * clock. An exchange given up (its deadline, an interrupt, a stream stopped) is reset, which closes its connection:
 * the provider sees the hang-up and stops writing. An answer is held to a size its output budget never reaches, and
 * cut where it passes it ({@link AnswerTooLargeException}): a broken or hostile provider must not fill the heap.
 */
final class ProviderHttpClient implements HttpClient {

    /** A millisecond: an exchange asked for after its deadline fails at once rather than waiting without a bound. */
    private static final Duration PASSED = Duration.ofMillis(1);
    /** The largest response head taken, as a gateway in front of a provider may add many headers. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    /** What an error response's body is read to, at most: enough for any provider's error object. */
    private static final int ERROR_BODY_BYTES = 64 * 1024;
    /**
     * Bytes of a whole answer per token of the output budget, and the least taken: a token is a few bytes of text,
     * six when JSON escapes it, and the answer's envelope is small.
     */
    private static final int ANSWER_BYTES_PER_TOKEN = 32;
    private static final long MIN_ANSWER_BYTES = 1024 * 1024;
    /**
     * The same for a streamed answer, whose every token comes in an event of its own: about 200 to 350 bytes from
     * OpenAI, up to 600 from Azure OpenAI with its content filter's results in every event. What is streamed waits for
     * a slow client as text, so that this bounds the heap a stream can take.
     */
    private static final int STREAM_BYTES_PER_TOKEN = 768;
    private static final long MIN_STREAM_BYTES = 4 * 1024 * 1024;
    /** The longest line of a stream: one event, a token's worth of text in its envelope, or an error object. */
    private static final int MAX_STREAM_LINE = 256 * 1024;
    /** Gives up exchanges still under way at their call's deadline. */
    private static final ScheduledExecutorService DEADLINES = deadlines();

    private final Vertx vertx;
    private final Duration connectTimeout;
    /** For an exchange made outside a call's deadline. */
    private final Duration timeout;
    private final int connections;
    private final long maxAnswerBytes;
    private final long maxStreamBytes;
    /** Made on first use, so that a provider never called costs nothing. */
    private volatile io.vertx.core.http.HttpClient http;

    private ProviderHttpClient(Builder builder) {
        this.vertx = builder.vertx;
        this.connectTimeout = builder.connectTimeout;
        this.timeout = builder.timeout;
        this.connections = builder.connections;
        this.maxAnswerBytes = Math.max(MIN_ANSWER_BYTES, (long) builder.maxOutputTokens * ANSWER_BYTES_PER_TOKEN);
        this.maxStreamBytes = Math.max(MIN_STREAM_BYTES, (long) builder.maxOutputTokens * STREAM_BYTES_PER_TOKEN);
    }

    private io.vertx.core.http.HttpClient http() {
        io.vertx.core.http.HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = vertx.httpClientBuilder().with(new HttpClientOptions()
                            .setProtocolVersion(HttpVersion.HTTP_1_1)
                            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                            .setKeepAlive(true)
                            .setTcpNoDelay(true)
                            // Vert.x's default, 8 KB, refuses response heads the JDK client took.
                            .setMaxHeaderSize(MAX_HEADER_BYTES)
                            .setName("precis-llm"))
                            .with(new PoolOptions().setHttp1MaxSize(connections))
                            // A connection's failure also fails its exchange, whose call reports it once (its
                            // outcome, in the failure log); Vert.x would log it again as an unhandled ERROR.
                            .withConnectHandler(connection -> connection.exceptionHandler(reported -> { }))
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    /**
     * A service-wide transport: the Vert.x instance's event loops carry the exchanges; {@code LLM_CONNECT_TIMEOUT} to
     * connect (LangChain4j's model builders would set it to the whole deadline), {@code LLM_TIMEOUT} for an exchange
     * made outside a call's deadline, room for every call the bulkhead lets through at once, and answers held to
     * what {@code LLM_MAX_OUTPUT_TOKENS} can make.
     */
    static Builder builder(LlmConfig config, Vertx vertx) {
        return new Builder(vertx, config.connectTimeout(), config.timeout(),
                Math.max(16, 2 * config.maxConcurrency()), config.maxOutputTokens());
    }

    /**
     * A call: waits on the calling thread for the whole response, within the call's deadline. An interrupt (the
     * deadline, or every client gone) or the deadline resets the exchange.
     */
    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        Duration left = left();
        Exchange<Received> exchange = send(request, this::whole);
        Received response;
        try {
            response = exchange.answer.get(left.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            exchange.reset();
            throw new TimeoutException("The provider did not answer within " + left.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            exchange.reset();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the provider", e);
        } catch (ExecutionException e) {
            exchange.reset();
            throw unchecked(e.getCause());
        }
        if (!successful(response.status())) {
            throw new UpstreamHttpException(response.status(), response.body(),
                    retryAfter(first(response.headers(), "Retry-After")));
        }
        return success(response.status(), response.headers(), response.body());
    }

    /**
     * A streaming call: the body is parsed on its event loop as it arrives, and its events go to the listener at once
     * ({@link StreamedEvents}); no thread waits for it. The call's deadline bounds the wait for the response's headers,
     * and then the body: the exchange is reset when it passes. An error's body is read whole, to its limit, and the
     * listener gets it with its status and Retry-After.
     *
     * @throws IllegalArgumentException for a parser whose events {@link StreamedEvents} cannot make
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        StreamedEvents.Format format = StreamedEvents.Format.of(parser);
        Duration left = left();
        long until = System.nanoTime() + left.toNanos();
        // The body's handlers are set as the response arrives, on its event loop, so that no part of it is missed. A
        // stream's connection goes back to the pool at its end, like a call's: a stopped stream is reset on its event
        // loop and only before its end (StreamedEvents), and the pool gives the connection to another exchange only
        // after that end.
        Exchange<StreamedEvents> exchange = send(request, response -> {
            if (!successful(response.statusCode())) {
                return whole(response).compose(error -> Future.failedFuture(new UpstreamHttpException(
                        error.status(), error.body(), retryAfter(first(error.headers(), "Retry-After")))));
            }
            listener.onOpen(success(response.statusCode(), headers(response.headers()), null));
            StreamedEvents events = new StreamedEvents(response, format, listener, maxStreamBytes, MAX_STREAM_LINE);
            events.start(until, DEADLINES);
            return Future.succeededFuture(events);
        });
        // Its caller may stop it before its first text, which is when LangChain4j would hand over its handle.
        StreamStop.register(() -> {
            exchange.reset();
            exchange.answer.thenAccept(StreamedEvents::cancel);
        });
        ScheduledFuture<?> headersDue = DEADLINES.schedule(() -> {
            if (exchange.answer.completeExceptionally(new HttpTimeoutException("No response before the deadline"))) {
                exchange.reset();
            }
        }, left.toNanos(), TimeUnit.NANOSECONDS);
        exchange.answer.whenComplete((response, failure) -> {
            headersDue.cancel(false);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                listener.onError(cause instanceof HttpTimeoutException ? new TimeoutException(cause)
                        : unchecked(cause));
            }
        });
    }

    /**
     * A whole response, read on its event loop up to its limit: an answer past {@link #maxAnswerBytes} fails as too
     * large, an error's body is cut at {@link #ERROR_BODY_BYTES}; either way the exchange is reset there, so that the
     * rest is never read.
     */
    private Future<Received> whole(HttpClientResponse response) {
        boolean answer = successful(response.statusCode());
        long limit = answer ? maxAnswerBytes : ERROR_BODY_BYTES;
        Promise<Received> done = Promise.promise();
        Buffer body = Buffer.buffer();
        Runnable complete = () -> done.tryComplete(new Received(response.statusCode(), headers(response.headers()),
                body.toString(StandardCharsets.UTF_8)));
        String declared = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (answer && declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > limit) {
            // The reset is this call's doing, and reported as its failure.
            response.exceptionHandler(reset -> { });
            response.request().reset();
            done.tryFail(tooLarge(limit));
            return done.future();
        }
        response.handler(chunk -> {
            if (done.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                if (answer) {
                    done.tryFail(tooLarge(limit));
                } else {
                    body.appendBuffer(chunk, 0, (int) (limit - body.length()));
                    complete.run();
                }
                response.request().reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(end -> complete.run());
        response.exceptionHandler(done::tryFail);
        return done.future();
    }

    private static AnswerTooLargeException tooLarge(long limit) {
        return new AnswerTooLargeException("The provider's answer went past " + limit + " bytes");
    }

    /**
     * Starts an exchange on an event loop; the calling thread does not wait for it. {@code reading} turns the response
     * into the answer, on the event loop, as soon as the response's head is in.
     */
    private <T> Exchange<T> send(HttpRequest request, Function<HttpClientResponse, Future<T>> reading) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method().name()))
                .setAbsoluteURI(request.url());
        request.headers().forEach((name, values) -> values.forEach(value -> options.addHeader(name, value)));
        Exchange<T> exchange = new Exchange<>();
        Future<HttpClientRequest> opening;
        try {
            opening = http().request(options);
        } catch (RuntimeException closed) {
            // The client is closed: the service is stopping.
            exchange.answer.completeExceptionally(closed);
            return exchange;
        }
        opening.onComplete(opened -> {
            if (opened.failed()) {
                exchange.answer.completeExceptionally(transport(opened.cause()));
                return;
            }
            HttpClientRequest sent = opened.result();
            if (!exchange.started(sent, Vertx.currentContext())) {
                return;
            }
            (request.body() == null ? sent.send() : sent.send(Buffer.buffer(request.body())))
                    .compose(reading)
                    .onComplete(answered -> {
                        exchange.received();
                        if (answered.succeeded()) {
                            if (!exchange.answer.complete(answered.result())
                                    && answered.result() instanceof StreamedEvents late) {
                                // Given up meanwhile (its deadline): nobody will read the body.
                                late.cancel();
                            }
                        } else {
                            exchange.answer.completeExceptionally(transport(answered.cause()));
                        }
                    });
        });
        return exchange;
    }

    /** What is left of the current call's deadline; a call made outside the executor gets a deadline's length. */
    private Duration left() {
        Duration left = Deadline.current().map(Deadline::remaining).orElse(timeout);
        return left.isNegative() || left.isZero() ? PASSED : left;
    }

    /**
     * A failure of the connection or of the response's decoding as an I/O failure, which another attempt may get past:
     * a connection closed or reset under the exchange, a response Netty's or Vert.x's decoder could not read (a status
     * line that is no number fails with a {@link NumberFormatException}). Anything else (the client closed as the
     * service stops, a bug, an error of the JVM) stays what it is.
     */
    private static Throwable transport(Throwable failure) {
        if (failure instanceof VertxException || failure instanceof DecoderException
                || failure instanceof IllegalArgumentException) {
            return new IOException("The provider's response could not be read (" + failure.getClass().getSimpleName()
                    + ")", failure);
        }
        return failure;
    }

    /** The failure as LangChain4j's callers and {@link FailureClassifier} read it: I/O failures unchecked. */
    private static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    private static boolean successful(int status) {
        return status >= 200 && status < 300;
    }

    private static Map<String, List<String>> headers(MultiMap headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach(header -> map.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue()));
        return map;
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static SuccessfulHttpResponse success(int status, Map<String, List<String>> headers, String body) {
        return SuccessfulHttpResponse.builder().statusCode(status).headers(headers).body(body).build();
    }

    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "llm-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // An exchange that ended cancels its timer, which must then let go of the exchange at once.
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    /** Reads a Retry-After header given in seconds; the HTTP-date form is rare from APIs and is ignored. */
    static Duration retryAfter(Optional<String> header) {
        return header.map(String::strip).filter(v -> v.matches("\\d{1,6}(\\.\\d+)?"))
                .map(v -> Duration.ofMillis((long) Math.ceil(Double.parseDouble(v) * 1000)))
                .orElse(null);
    }

    /** A whole response of a call. */
    private record Received(int status, Map<String, List<String>> headers, String body) {
    }

    /** One exchange under way: its answer to come, and the request to reset when it is given up. */
    private static final class Exchange<T> {

        final CompletableFuture<T> answer = new CompletableFuture<>();
        private HttpClientRequest request;
        private Context context;
        private boolean abandoned;
        /**
         * Set on the exchange's event loop once its answer is in (a call's whole response, a stream's head, after which
         * the stream's body resets it): a call's connection may serve another call since.
         */
        private boolean received;

        /** Whether the exchange may go on: false when it was given up before its request was open. */
        synchronized boolean started(HttpClientRequest opened, Context on) {
            if (abandoned) {
                // Never sent: nothing to report of the reset.
                opened.exceptionHandler(ignored -> { });
                opened.reset();
                return false;
            }
            request = opened;
            context = on;
            return true;
        }

        /** Called on the exchange's event loop when its answer is in, or failed. */
        void received() {
            received = true;
        }

        /**
         * Gives the exchange up: its connection is closed, now or as soon as its request is open. The reset runs on
         * the exchange's event loop, where the response is read, and only while the response is not in: a connection
         * whose response is in may already carry another call.
         */
        void reset() {
            HttpClientRequest open;
            Context on;
            synchronized (this) {
                abandoned = true;
                open = request;
                on = context;
            }
            if (open != null) {
                Runnable reset = () -> {
                    if (!received) {
                        open.reset();
                    }
                };
                if (on == null) {
                    reset.run();
                } else {
                    on.runOnContext(ignored -> reset.run());
                }
            }
            answer.completeExceptionally(new IOException("The exchange was given up"));
        }
    }

    /** Builds the transport; the timeouts LangChain4j's model builders set are ignored. */
    static final class Builder implements HttpClientBuilder {

        private final Vertx vertx;
        private final Duration connectTimeout;
        private final Duration timeout;
        private final int connections;
        private final int maxOutputTokens;

        private Builder(Vertx vertx, Duration connectTimeout, Duration timeout, int connections,
                int maxOutputTokens) {
            this.vertx = vertx;
            this.connectTimeout = connectTimeout;
            this.timeout = timeout;
            this.connections = connections;
            this.maxOutputTokens = maxOutputTokens;
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
