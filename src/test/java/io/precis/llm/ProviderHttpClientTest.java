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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
    }

    @AfterEach
    void stop() {
        fake.close();
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
     * No thread waits for a stream: the call returns as soon as the request is on its way, and each event reaches the
     * listener on the event loop that reads the connection, as it arrives.
     */
    @Test
    void aStreamedCallReturnsAtOnceAndItsEventsArriveOnTheEventLoop() throws Exception {
        CompletableFuture<Void> proceed = new CompletableFuture<>();
        try (Silent upstream = new Silent(out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: {\"a\": 1}\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            proceed.join();
            out.write("data: {\"a\": 2}\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            out.close();
        })) {
            List<Thread> delivered = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> ended = new CompletableFuture<>();

            // The upstream holds the second event back: a call that waited for the stream would not return.
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> client().execute(called(upstream.url()),
                    new DefaultServerSentEventParser(), listener(delivered, ended)));
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
            proceed.complete(null);
            ended.get(10, TimeUnit.SECONDS);

            assertThat(delivered).hasSize(2)
                    .allSatisfy(thread -> assertThat(thread.getName()).startsWith("vert.x-eventloop-thread"));
        }
    }

    @Test
    void closesAStreamStillOpenAtItsDeadlineThoughItHasSentNothing() throws Exception {
        try (Silent upstream = new Silent(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        })) {
            CompletableFuture<Throwable> failed = new CompletableFuture<>();

            Deadline.in(Duration.ofMillis(300)).bound(() -> {
                client().execute(called(upstream.url()), new DefaultServerSentEventParser(), failingWith(failed));
                return null;
            });

            assertThat(failed.get(10, TimeUnit.SECONDS)).isInstanceOf(dev.langchain4j.exception.TimeoutException.class);
            upstream.hungUp.get(3, TimeUnit.SECONDS);
        }
    }

    /**
     * Lines and characters split anywhere between the network's chunks, ends of line of every kind, comments and
     * multi-line data make the same events as LangChain4j's own parser makes of the same bytes.
     */
    @Test
    void makesTheEventsLangChain4jsParserMakesOfTheSameBytesHoweverTheyAreSplit() throws Exception {
        String body = ": a comment\r\nevent: first\r\ndata: {\"text\": \"été – ünïcode 🙂\"}\r\n\r\n"
                + "data: line one\ndata:  line two \n\n\n\rdata: {\"cr\": true}\r\rid: 7\ndata: last without an end";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>();
        new DefaultServerSentEventParser().parse(new java.io.ByteArrayInputStream(bytes), new ServerSentEventListener() {
            @Override
            public void onEvent(ServerSentEvent event) {
                expected.add(event.event() + "|" + event.data());
            }

            @Override
            public void onError(Throwable error) {
                throw new AssertionError(error);
            }
        });
        try (Silent upstream = new Silent(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            // One byte at a time, each flushed: the event loop gets most of them as chunks of their own.
            for (byte b : bytes) {
                out.write(b);
                out.flush();
            }
            out.close();
        })) {
            List<String> events = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> ended = new CompletableFuture<>();

            client().execute(called(upstream.url()), new DefaultServerSentEventParser(),
                    new ServerSentEventListener() {
                        @Override
                        public void onEvent(ServerSentEvent event) {
                            events.add(event.event() + "|" + event.data());
                        }

                        @Override
                        public void onError(Throwable error) {
                            ended.complete(null);
                        }
                    });

            ended.get(10, TimeUnit.SECONDS);
            assertThat(expected).hasSize(4);
            assertThat(events).isEqualTo(expected);
        }
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
    void aLongStreamArrivesWhole() throws Exception {
        String events = "data: " + "x".repeat(1000) + "\n\n";
        int count = 2 * 1024 * 1024 / events.length();
        try (Silent upstream = new Silent(events.repeat(count))) {
            List<Integer> sizes = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> ended = new CompletableFuture<>();

            client().execute(called(upstream.url()), new DefaultServerSentEventParser(), new ServerSentEventListener() {
                @Override
                public void onEvent(ServerSentEvent event) {
                    sizes.add(event.data().length());
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
    void aStreamThatEndedGivesItsConnectionToTheNextCall() throws Exception {
        // Every call is streamed: a connection (a TLS handshake, with a real provider) for each would cost them all.
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicLong connections = new AtomicLong();
            AtomicLong answered = new AtomicLong();
            Thread upstream = new Thread(() -> serveKeepingAlive(server, connections, answered), "keep-alive-upstream");
            upstream.setDaemon(true);
            upstream.start();
            String url = "http://127.0.0.1:" + server.getLocalPort();
            ProviderHttpClient client = client();

            int calls = 30;
            for (int call = 0; call < calls; call++) {
                List<Thread> delivered = new CopyOnWriteArrayList<>();
                CompletableFuture<Void> ended = new CompletableFuture<>();
                client.execute(called(url), new DefaultServerSentEventParser(), listener(delivered, ended));
                ended.get(10, TimeUnit.SECONDS);
                assertThat(delivered).hasSize(1);
            }

            assertThat(answered).hasValue(calls);
            // A call may start before the last one's connection is back in the pool, and open another.
            assertThat(connections.get()).as("connections for %d calls one after the other", calls)
                    .isLessThan(calls / 3);
        }
    }

    /** Answers each request on a connection with one event, keeping the connection open for the next request. */
    private static void serveKeepingAlive(ServerSocket server, AtomicLong connections, AtomicLong answered) {
        byte[] body = "data: {}\n\n".getBytes(StandardCharsets.UTF_8);
        while (!server.isClosed()) {
            Socket accepted;
            try {
                accepted = server.accept();
            } catch (IOException closed) {
                return;
            }
            connections.incrementAndGet();
            Thread connection = new Thread(() -> serveConnection(accepted, answered, body), "keep-alive-connection");
            connection.setDaemon(true);
            connection.start();
        }
    }

    private static void serveConnection(Socket accepted, AtomicLong answered, byte[] body) {
        try (Socket socket = accepted) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = Silent.readHead(in);
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                        .matcher(head);
                in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                answered.incrementAndGet();
            }
        } catch (IOException closed) {
            // The client closed the connection.
        }
    }

    @Test
    void aCancelledStreamGivesNoFurtherEvent() throws Exception {
        String events = "data: " + "x".repeat(1000) + "\n\n";
        try (Silent upstream = new Silent(events.repeat(1000))) {
            AtomicLong afterCancel = new AtomicLong();
            AtomicLong seen = new AtomicLong();
            CompletableFuture<Void> ended = new CompletableFuture<>();

            client().execute(called(upstream.url()), new DefaultServerSentEventParser(), new ServerSentEventListener() {
                @Override
                public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                    if (seen.incrementAndGet() == 1) {
                        context.parsingHandle().cancel();
                    } else {
                        afterCancel.incrementAndGet();
                    }
                }

                @Override
                public void onError(Throwable error) {
                    ended.complete(null);
                }
            });

            ended.get(10, TimeUnit.SECONDS);
            upstream.hungUp.get(3, TimeUnit.SECONDS);
            assertThat(afterCancel).hasValue(0);
        }
    }

    @Test
    void aParserItCannotMatchIsRefusedBeforeAnyExchange() {
        ServerSentEventParser unknown = (in, listener) -> { };

        assertThatThrownBy(() -> client().execute(streamed(), unknown, failingWith(new CompletableFuture<>())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(fake.calls()).isEmpty();
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
                            .httpClientBuilder(ProviderHttpClient.builder(TestConfig.llm(Map.of()), vertx))
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
        return (ProviderHttpClient) ProviderHttpClient.builder(TestConfig.llm(Map.of()), vertx).build();
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
}
