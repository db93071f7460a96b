package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
     * call waiting for it, which happens when the response is in before the read is scheduled, could not be stopped
     * by interrupting that thread, and a client's hang-up or the deadline left the model writing to the end.
     */
    @Test
    void readsAStreamedBodyOnAReaderThreadNeverOnTheCallersEvenWhenTheResponseIsAlreadyIn() throws Exception {
        List<Thread> delivered = new CopyOnWriteArrayList<>();

        for (int i = 0; i < 5; i++) {
            fake.on(Task.SUMMARY, Reply.text("one two three four five six seven eight nine"));
            CompletableFuture<Void> ended = new CompletableFuture<>();
            client().execute(streamed(), new DefaultServerSentEventParser(), listener(delivered, ended));
            ended.get(10, TimeUnit.SECONDS);
        }

        assertThat(delivered).isNotEmpty().allSatisfy(thread -> assertThat(readerThreads).contains(thread))
                .doesNotContain(Thread.currentThread());
    }

    @Test
    void stoppingAStreamClosesTheUpstreamConnectionAtOnce() throws Exception {
        fake.on(Task.SUMMARY, Reply.text("one two three four five six seven eight nine ten ".repeat(20))
                .dripping(Duration.ofMillis(50)));
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

        // The whole answer takes 4 s to drip: the upstream sees the hang-up long before.
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
}
