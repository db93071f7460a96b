package io.precis.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.cache.ResultCache;
import io.precis.testing.Articles;
import io.precis.testing.Circuits;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.LogCapture;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst after breaking news: 200 concurrent cache misses against an upstream that takes 2 s each. They are held
 * without starving threads (a request waiting for the model holds no request thread and no event loop), memory stays
 * bounded, and cache hits stay fast meanwhile.
 */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = {
    @ResourceArg(name = "provider", value = "openai"),
    @ResourceArg(name = "llm.max-concurrency", value = "200"),
    @ResourceArg(name = "llm.max-queue", value = "200"),
    @ResourceArg(name = "llm.timeout", value = "30s")
})
class LoadTest {

    private static final int MISSES = 200;
    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void reset() {
        fake.reset();
        store.clear();
        Circuits.close("openai");
    }

    @Test
    void holds200ConcurrentMissesWhileCacheHitsStayFast() throws Exception {
        String cachedArticle = SEED + "\n\nUne version déjà résumée.";
        assertThat(post(cachedArticle).join().statusCode()).isEqualTo(200);
        fake.latency(Duration.ofSeconds(2));
        System.gc();
        long heapBefore = usedHeap();

        // Earlier test applications in this JVM may have left idle model threads of their own (until they end).
        int llmThreadsBefore = threadsNamed("llm-");
        try (LogCapture logs = LogCapture.start()) {
            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> misses = IntStream.range(0, MISSES)
                    .mapToObj(i -> post(SEED + "\n\nVariante numéro " + i + " de cet article, jamais vue."))
                    .toList();
            awaitUpstreamCalls(MISSES + 1);
            int llmThreads = threadsNamed("llm-") - llmThreadsBefore;
            int busyRequestThreads = threadsInOurCode("executor-thread-") + threadsInOurCode("vert.x-eventloop");

            List<Long> hitMillis = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long hitStarted = System.nanoTime();
                HttpResponse<String> hit = post(cachedArticle).join();
                hitMillis.add(Duration.ofNanos(System.nanoTime() - hitStarted).toMillis());
                assertThat(hit.body()).contains("\"cached\":true");
            }
            List<HttpResponse<String>> responses = misses.stream().map(CompletableFuture::join).toList();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
            assertThat(took).as("all misses in about one upstream latency").isLessThan(Duration.ofSeconds(8));
            assertThat(hitMillis).as("cache hits during the burst, ms").allSatisfy(ms -> assertThat(ms)
                    .isLessThan(250));
            // At most the workers (twice the cores) and the dispatcher and timers, whatever the calls under way; with
            // a thread per call there would be one more per slot, 200 here.
            assertThat(llmThreads).as("model threads started for %d calls under way", MISSES)
                    .isLessThanOrEqualTo(3 + 2 * Runtime.getRuntime().availableProcessors());
            assertThat(busyRequestThreads).as("request threads busy in the service while 200 calls wait").isZero();
            assertThat(logs.all()).as("no blocked event loop").noneMatch(line -> line.contains("has been blocked"));
        }
        System.gc();
        assertThat(usedHeap() - heapBefore).as("heap kept after the burst, bytes").isLessThan(200L << 20);
        assertThat(fake.count(Task.SUMMARY)).isEqualTo(MISSES + 1);
    }

    private void awaitUpstreamCalls(int calls) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> fake.calls().size() >= calls);
    }

    private CompletableFuture<HttpResponse<String>> post(String article) {
        String body = toJson(Articles.digest(article, "summaryLanguage", "en", "translate", false));
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/digests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(60))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String toJson(Object body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int threadsNamed(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix)).count();
    }

    /** Threads of a pool that are inside the service's code right now, rather than idle in their pool. */
    private static int threadsInOurCode(String prefix) {
        return (int) Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith(prefix))
                .filter(e -> java.util.Arrays.stream(e.getValue())
                        .anyMatch(frame -> frame.getClassName().startsWith("io.precis.")))
                .count();
    }

    private static long usedHeap() {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
