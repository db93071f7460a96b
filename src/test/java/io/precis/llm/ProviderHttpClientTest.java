package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.Reply;
import io.precis.task.Deadline;
import io.precis.testing.TestConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderHttpClientTest {

    private static final String STREAMED = "{\"model\":\"fake-model\",\"stream\":true,\"messages\":["
            + "{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"u\"}]}";

    private static Vertx vertx;
    private FakeLlmServer fake;
    private ExecutorService readers;
    private final Set<Thread> readerThreads = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void start() {
        fake = FakeLlmServer.start();
        readers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "test-reader");
            readerThreads.add(thread);
            return thread;
        });
    }

    @AfterEach
    void stop() {
        fake.close();
        readers.shutdownNow();
    }

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(ProviderHttpClient.retryAfter(Optional.of("13"))).isEqualTo(Duration.ofSeconds(13));
        assertThat(ProviderHttpClient.retryAfter(Optional.of(" 0.5 "))).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void ignoresRetryAfterItCannotRead() {
        assertThat(ProviderHttpClient.retryAfter(Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))).isNull();
        assertThat(ProviderHttpClient.retryAfter(Optional.of("-1"))).isNull();
        assertThat(ProviderHttpClient.retryAfter(Optional.empty())).isNull();
    }

    /**
     * A stream is read on a reader thread, never on the thread of the call waiting for it, even when the response is
     * in before the read is scheduled: that thread must be free to be interrupted (a client's hang-up, the deadline),
     * and a read there once left the model writing to the end.
     */
    @Test
    void readsAResponseThatIsAlreadyInOnAReaderThreadAndReturnsAtOnce() throws Exception {
        Body body = new Body();
        CompletableFuture<ProviderHttpClient.Streamed> exchange = CompletableFuture.completedFuture(
                new ProviderHttpClient.Streamed(200, Map.of(), body));
        List<Thread> delivered = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();

        // The body stays open: a read on this thread would not return.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> client().read(exchange,
                System.nanoTime() + Duration.ofMinutes(1).toNanos(), new DefaultServerSentEventParser(),
                listener(delivered, ended)));
        body.send("data: {\"a\": 1}\n\ndata: {\"a\": 2}\n\n");
        body.end();
        ended.get(10, TimeUnit.SECONDS);

        assertThat(delivered).hasSize(2).allSatisfy(thread -> assertThat(readerThreads).contains(thread));
    }

    @Test
    void closesAStreamStillOpenAtItsDeadlineThoughItHasSentNothing() throws Exception {
        Body body = new Body();
        CompletableFuture<ProviderHttpClient.Streamed> exchange = CompletableFuture.completedFuture(
                new ProviderHttpClient.Streamed(200, Map.of(), body));
        List<Thread> delivered = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();

        client().read(exchange, System.nanoTime() + Duration.ofMillis(300).toNanos(),
                new DefaultServerSentEventParser(), listener(delivered, ended));

        ended.get(10, TimeUnit.SECONDS);
        assertThat(delivered).isEmpty();
        assertThat(body.closed).isTrue();
    }

    @Test
    void stoppingAStreamClosesTheUpstreamConnectionAtOnce() throws Exception {
        fake.on(Task.SUMMARY, Reply.text("one two three four five six seven eight nine ten ".repeat(20))
                .dripping(Duration.ofMillis(100)));
        CompletableFuture<ServerSentEventContext> first = new CompletableFuture<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();

        client().execute(streamed(), new DefaultServerSentEventParser(), new ServerSentEventListener() {
            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                first.complete(context);
            }

            @Override
            public void onError(Throwable error) {
                ended.complete(null);
            }
        });
        first.get(10, TimeUnit.SECONDS).parsingHandle().cancel();

        // The whole answer takes about 7 s to drip (67 pieces): the upstream sees the hang-up long before.
        await().atMost(Duration.ofSeconds(3)).until(() -> fake.hangUps() == 1);
        ended.get(3, TimeUnit.SECONDS);
    }

    @Test
    void aCallKeepsTheProvidersStatusBodyAndRetryAfter() {
        fake.on(Task.SUMMARY, Reply.error(429, "rate_limit_exceeded").withHeader("Retry-After", "7"));

        assertThatThrownBy(() -> client().execute(called()))
                .isInstanceOfSatisfying(UpstreamHttpException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("rate_limit_exceeded");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void interruptingACallClosesItsConnectionAtOnce() throws Exception {
        try (Silent upstream = new Silent()) {
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    client().execute(called(upstream.url()));
                    thrown.complete(null);
                } catch (RuntimeException e) {
                    thrown.complete(Thread.currentThread().isInterrupted() ? e : null);
                }
            });
            caller.start();
            upstream.requested.get(10, TimeUnit.SECONDS);

            caller.interrupt();

            assertThat(thrown.get(5, TimeUnit.SECONDS)).isNotNull().hasRootCauseInstanceOf(InterruptedException.class);
            upstream.hungUp.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCallPastItsDeadlineFailsAsATimeoutAndClosesItsConnection() throws Exception {
        try (Silent upstream = new Silent()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> Deadline.in(Duration.ofMillis(400)).bound(
                    () -> client().execute(called(upstream.url()))))
                    .isInstanceOf(dev.langchain4j.exception.TimeoutException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            upstream.hungUp.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStreamedBodyLargerThanTheReaderTakesAtOnceArrivesWhole() throws Exception {
        // Eight times what the body may hold unread: the response is paused and resumed on the way.
        String events = "data: " + "x".repeat(1000) + "\n\n";
        int count = 8 * ResponseBodyStream.HIGH_WATER / events.length();
        try (Silent upstream = new Silent(events.repeat(count))) {
            List<Integer> sizes = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> ended = new CompletableFuture<>();

            client().execute(called(upstream.url()), new DefaultServerSentEventParser(), new ServerSentEventListener() {
                @Override
                public void onEvent(ServerSentEvent event) {
                    sizes.add(event.data().length());
                    if (sizes.size() % 100 == 0) {
                        // A slow reader: the upstream writes far faster.
                        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                    }
                }

                @Override
                public void onError(Throwable error) {
                    ended.complete(null);
                }
            });

            ended.get(30, TimeUnit.SECONDS);
            assertThat(sizes).hasSize(count).containsOnly(1000);
        }
    }

    @Test
    void aStreamAsksForAConnectionOfItsOwn() throws Exception {
        // Stopping a stream resets its connection, which must never be one that went back to the pool since.
        try (Silent upstream = new Silent("data: {}\n\n")) {
            CompletableFuture<Void> ended = new CompletableFuture<>();

            client().execute(called(upstream.url()), new DefaultServerSentEventParser(),
                    listener(new CopyOnWriteArrayList<>(), ended));

            assertThat(upstream.head.get(10, TimeUnit.SECONDS)).containsIgnoringCase("connection: close");
            ended.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClosedBodyGivesNothingMoreOfWhatWasStillQueued() throws Exception {
        String events = "data: " + "x".repeat(1000) + "\n\n";
        try (Silent upstream = new Silent(events.repeat(4 * ResponseBodyStream.HIGH_WATER / events.length()))) {
            CompletableFuture<Long> readAfterClose = new CompletableFuture<>();
            CompletableFuture<Void> ended = new CompletableFuture<>();
            // A parser that, unlike LangChain4j's default one, does not stop of itself once its handle is cancelled:
            // the body must stop it.
            ServerSentEventParser stubborn = (in, listener) -> {
                long after = 0;
                try {
                    in.read();
                    // Let the body pile up unread, then stop it.
                    LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
                    in.close();
                    while (in.read() >= 0) {
                        after++;
                    }
                } catch (IOException stopped) {
                    // What a read of a closed body does.
                }
                readAfterClose.complete(after);
            };

            client().execute(called(upstream.url()), stubborn, listener(new CopyOnWriteArrayList<>(), ended));

            assertThat(readAfterClose.get(10, TimeUnit.SECONDS)).isZero();
            ended.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAnswerDeclaredLargerThanTheLimitIsRefusedBeforeItsBodyIsRead() throws Exception {
        try (Silent upstream = new Silent(Silent.endless(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200000000\r\n\r\n", "x"))) {
            assertThatThrownBy(() -> client().execute(called(upstream.url())))
                    .hasRootCauseInstanceOf(AnswerTooLargeException.class);

            upstream.hungUp.get(3, TimeUnit.SECONDS);
            assertThat(upstream.written.get()).isLessThan(ANSWER_LIMIT + 16 * 1024 * 1024);
        }
    }

    @Test
    void anEndlessAnswerIsCutAtTheLimitAndItsConnectionClosed() throws Exception {
        // No length: the body runs until the connection closes, which this upstream never does of itself.
        try (Silent upstream = new Silent(Silent.endless(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n", "{\"a\":1}"))) {
            assertThatThrownBy(() -> client().execute(called(upstream.url())))
                    .hasRootCauseInstanceOf(AnswerTooLargeException.class);

            upstream.hungUp.get(3, TimeUnit.SECONDS);
            assertThat(upstream.written.get()).isLessThan(ANSWER_LIMIT + 16 * 1024 * 1024);
        }
    }

    @Test
    void anEndlessErrorBodyIsCutToWhatAnErrorObjectNeeds() throws Exception {
        try (Silent upstream = new Silent(Silent.endless(
                "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n",
                "error "))) {
            assertThatThrownBy(() -> client().execute(called(upstream.url())))
                    .isInstanceOfSatisfying(UpstreamHttpException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.getMessage().length()).isLessThanOrEqualTo(64 * 1024 + 1024);
                    });

            upstream.hungUp.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStreamWithAnEndlessLineIsCutAndFailsAsTooLarge() throws Exception {
        try (Silent upstream = new Silent(Silent.endless(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\ndata: ", "x"))) {
            CompletableFuture<Throwable> failed = new CompletableFuture<>();

            client().execute(called(upstream.url()), new DefaultServerSentEventParser(), failingWith(failed));

            assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(AnswerTooLargeException.class);
            upstream.hungUp.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStreamLongerThanTheLimitIsCutAndFailsAsTooLarge() throws Exception {
        try (Silent upstream = new Silent(Silent.endless(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n",
                "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n"))) {
            CompletableFuture<Throwable> failed = new CompletableFuture<>();

            client().execute(called(upstream.url()), new DefaultServerSentEventParser(), failingWith(failed));

            assertThat(failed.get(30, TimeUnit.SECONDS)).isInstanceOf(AnswerTooLargeException.class);
            upstream.hungUp.get(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void aResponseWhoseStatusIsNoNumberIsAConnectionFailureThatMayBeRetried() throws Exception {
        try (Silent upstream = new Silent(out -> {
            out.write("HTTP/1.1 abc OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        })) {
            assertThatThrownBy(() -> client().execute(called(upstream.url())))
                    .isInstanceOf(java.io.UncheckedIOException.class);
        }
    }

    @Test
    void stoppingAStreamedCallBeforeItsFirstTextClosesItsConnectionAtOnce() throws Exception {
        // LangChain4j hands a stream's handle over with its first text; this upstream never sends one.
        try (Silent upstream = new Silent()) {
            dev.langchain4j.model.chat.StreamingChatModel model =
                    dev.langchain4j.model.openai.OpenAiStreamingChatModel.builder()
                            .httpClientBuilder(ProviderHttpClient.builder(TestConfig.llm(Map.of()), vertx)
                                    .readingOn(readers))
                            .baseUrl(upstream.url() + "/v1").apiKey("key").modelName("fake-model").build();
            io.precis.task.Cancellation stop = new io.precis.task.Cancellation();
            CompletableFuture<dev.langchain4j.model.chat.response.ChatResponse> answer = StreamingBridge.start(model,
                    dev.langchain4j.model.chat.request.ChatRequest.builder()
                            .messages(dev.langchain4j.data.message.UserMessage.from("u")).build(),
                    io.precis.task.TextSink.NONE, stop);
            upstream.requested.get(10, TimeUnit.SECONDS);

            stop.cancel();

            assertThat(answer).isCompletedExceptionally();
            assertThatThrownBy(answer::join).isInstanceOf(java.util.concurrent.CancellationException.class);
            // Without the stop the connection stays open until the call's deadline, two minutes here.
            upstream.hungUp.get(3, TimeUnit.SECONDS);
        }
    }

    /** The most a whole answer may have with the test settings' output budget: the floor, 1 MiB. */
    private static final long ANSWER_LIMIT = 1024 * 1024;

    private static ServerSentEventListener failingWith(CompletableFuture<Throwable> failed) {
        return new ServerSentEventListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                // Ignored.
            }

            @Override
            public void onError(Throwable error) {
                failed.complete(error);
            }
        };
    }

    private ProviderHttpClient client() {
        return (ProviderHttpClient) ProviderHttpClient.builder(TestConfig.llm(Map.of()), vertx).readingOn(readers)
                .build();
    }

    private HttpRequest called() {
        return called(fake.url());
    }

    private static HttpRequest called(String url) {
        return HttpRequest.builder().method(HttpMethod.POST).url(url + "/v1/chat/completions")
                .addHeader("Content-Type", "application/json").body(STREAMED.replace("\"stream\":true,", ""))
                .build();
    }

    /**
     * An upstream on a raw socket that takes one request and then says nothing, or streams a body as fast as it can;
     * it tells when the request is in and when the client hangs up.
     */
    private static final class Silent implements AutoCloseable {

        final CompletableFuture<Void> requested = new CompletableFuture<>();
        final CompletableFuture<String> head = new CompletableFuture<>();
        final CompletableFuture<Void> hungUp = new CompletableFuture<>();
        /** Bytes the upstream wrote before the client hung up. */
        final AtomicLong written = new AtomicLong();
        private final ServerSocket server;
        private final Responder responder;

        Silent() throws IOException {
            this((String) null);
        }

        Silent(String streamed) throws IOException {
            this(streamed == null ? null : out -> {
                byte[] body = streamed.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            });
        }

        /** An upstream that answers with what {@code responder} writes, for as long as the client reads it. */
        Silent(Responder responder) throws IOException {
            this.responder = responder;
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(this::serve, "silent-upstream");
            thread.setDaemon(true);
            thread.start();
        }

        /** Writes an answer; an {@link IOException} ends it (the client hung up). */
        interface Responder {
            void respond(OutputStream out) throws IOException;
        }

        /** A head, then {@code repeated} over and over, until the client hangs up. */
        static Responder endless(String head, String repeated) {
            byte[] bytes = repeated.repeat(Math.max(1, 8192 / repeated.length())).getBytes(StandardCharsets.UTF_8);
            return out -> {
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                while (true) {
                    out.write(bytes);
                }
            };
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        private void serve() {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                head.complete(readHead(in));
                requested.complete(null);
                if (responder != null) {
                    OutputStream raw = socket.getOutputStream();
                    responder.respond(new java.io.FilterOutputStream(raw) {
                        @Override
                        public void write(byte[] bytes, int offset, int length) throws IOException {
                            raw.write(bytes, offset, length);
                            written.addAndGet(length);
                        }
                    });
                }
                // The request's body, then nothing until the client closes the connection.
                while (in.read() >= 0) {
                    // Discarded.
                }
                hungUp.complete(null);
            } catch (IOException e) {
                hungUp.complete(null);
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int next = in.read();
                if (next < 0) {
                    throw new IOException("closed before the request's head");
                }
                head.append((char) next);
                matched = next == end[matched] ? matched + 1 : next == '\r' ? 1 : 0;
            }
            return head.toString();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private HttpRequest streamed() {
        return HttpRequest.builder().method(HttpMethod.POST).url(fake.url() + "/v1/chat/completions")
                .addHeader("Content-Type", "application/json").body(STREAMED).build();
    }

    private static ServerSentEventListener listener(List<Thread> delivered, CompletableFuture<Void> ended) {
        return new ServerSentEventListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                delivered.add(Thread.currentThread());
            }

            @Override
            public void onError(Throwable error) {
                ended.complete(null);
            }
        };
    }

    /** A body that blocks its reader until it is sent text, ended, or closed, as a response body does. */
    private static final class Body extends InputStream {

        private static final int END = -1;
        private static final int CLOSED = -2;
        private final LinkedBlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();
        private volatile boolean closed;

        void send(String text) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                bytes.add(b & 0xFF);
            }
        }

        void end() {
            bytes.add(END);
        }

        @Override
        public int read() throws IOException {
            try {
                int next = bytes.take();
                if (next < 0) {
                    // The end, or the close, stays: every read after it sees it too.
                    bytes.add(next);
                }
                if (next == CLOSED) {
                    throw new IOException("closed");
                }
                return next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
            closed = true;
            bytes.add(CLOSED);
        }
    }
}
