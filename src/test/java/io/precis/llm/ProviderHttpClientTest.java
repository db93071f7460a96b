package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.Reply;
import io.precis.testing.TestConfig;
import java.io.IOException;
import java.io.InputStream;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderHttpClientTest {

    private static final String STREAMED = "{\"model\":\"fake-model\",\"stream\":true,\"messages\":["
            + "{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"u\"}]}";

    private FakeLlmServer fake;
    private ExecutorService readers;
    private final Set<Thread> readerThreads = ConcurrentHashMap.newKeySet();

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
     * A read of the JDK client's body stream ignores an interrupt (and clears it): a stream read on the thread of the
     * call waiting for it, as happened when the response was in before the read was scheduled, could not be stopped
     * by interrupting that thread, and a client's hang-up or the deadline left the model writing to the end.
     */
    @Test
    void readsAResponseThatIsAlreadyInOnAReaderThreadAndReturnsAtOnce() throws Exception {
        Body body = new Body();
        CompletableFuture<java.net.http.HttpResponse<InputStream>> exchange = CompletableFuture.completedFuture(
                new Response(body));
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
        CompletableFuture<java.net.http.HttpResponse<InputStream>> exchange = CompletableFuture.completedFuture(
                new Response(body));
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

    private ProviderHttpClient client() {
        return (ProviderHttpClient) ProviderHttpClient.builder(TestConfig.llm(Map.of())).readingOn(readers).build();
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

    /** A response of 200 whose body is given. */
    private record Response(InputStream body) implements java.net.http.HttpResponse<InputStream> {

        @Override
        public int statusCode() {
            return 200;
        }

        @Override
        public java.net.http.HttpRequest request() {
            return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1/")).build();
        }

        @Override
        public Optional<java.net.http.HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (name, value) -> true);
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public java.net.URI uri() {
            return java.net.URI.create("http://127.0.0.1/");
        }

        @Override
        public java.net.http.HttpClient.Version version() {
            return java.net.http.HttpClient.Version.HTTP_1_1;
        }
    }

    /** A body that blocks its reader until it is sent text, ended, or closed, as the JDK client's does. */
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
