package io.precis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.precis.testing.Articles;
import io.precis.testing.Corpus;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.RedisServer;
import io.precis.testing.Replicas;
import io.precis.testing.ServiceProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged jar sharing one real redis-server, as two replicas would: what one computes the other
 * serves with no upstream call, results survive a restart, an article is computed once across both, Redis stopping in
 * the middle of traffic fails no request, and a terminated instance finishes its in-flight model calls.
 */
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEED = Corpus.text(Corpus.SEED_CLEAN);

    private static RedisServer redis;
    private static FakeLlmServer fake;
    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void startReplicas() {
        redis = RedisServer.start();
        fake = FakeLlmServer.start();
        Map<String, String> env = Replicas.environment(fake, redis);
        first = ServiceProcess.start("replica-1", env);
        second = ServiceProcess.start("replica-2", env);
    }

    @AfterAll
    static void stopReplicas() {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, fake, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Best effort: the next resource must still be closed.
            }
        }
    }

    @BeforeEach
    void reset() {
        fake.reset();
        redis.command("FLUSHALL");
    }

    @Test
    void aResultComputedByOneReplicaIsServedByTheOtherWithNoUpstreamCall() throws Exception {
        JsonNode computed = digest(first, SEED);
        JsonNode served = digest(second, SEED);

        assertThat(computed.path("cached").asBoolean()).isFalse();
        assertThat(served.path("cached").asBoolean()).isTrue();
        assertThat(served.path("summary").path("text").asText()).isEqualTo(computed.path("summary").path("text")
                .asText());
        assertThat(served.path("translation").path("text").asText()).isEqualTo(computed.path("translation")
                .path("text").asText());
        assertThat(fake.count(Task.SUMMARY)).isOne();
        assertThat(fake.count(Task.TRANSLATION)).isOne();
    }

    @Test
    void resultsSurviveARestartOfTheService() throws Exception {
        digest(first, SEED + "\n\nAvant le redémarrage.");
        first.terminate();
        first.awaitExit(Duration.ofSeconds(30));
        first.startAgain();

        JsonNode afterRestart = digest(first, SEED + "\n\nAvant le redémarrage.");

        assertThat(afterRestart.path("cached").asBoolean()).isTrue();
        assertThat(fake.calls()).hasSize(2);
    }

    @Test
    void concurrentIdenticalRequestsOnBothReplicasMakeOneUpstreamCallPerPart() {
        fake.latency(Duration.ofMillis(800));
        List<CompletableFuture<HttpResponse<String>>> requests = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> (i % 2 == 0 ? first : second)
                        .postJson("/api/v1/digests", json(SEED + "\n\nEn même temps sur deux répliques."))))
                .toList();

        assertThat(requests).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
        assertThat(fake.count(Task.SUMMARY)).isOne();
        assertThat(fake.count(Task.TRANSLATION)).isOne();
    }

    @Test
    void stoppingRedisInTheMiddleOfTrafficFailsNoRequest() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            for (int i = 0; running.get(); i++) {
                ServiceProcess replica = i % 2 == 0 ? first : second;
                String article = SEED + (i % 4 == 0 ? "\n\nVariante " + i + "." : "");
                statuses.add(replica.postJson("/api/v1/digests", json(article, "translate", false)).statusCode());
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> statuses.size() >= 20);

        redis.stop();
        int before = statuses.size();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> statuses.size() >= before + 30);
        assertThat(first.get("/q/health/ready").body()).contains("\"redis\": \"down\"");
        assertThat(first.get("/q/health/ready").statusCode()).isEqualTo(200);

        redis.startAgain();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> first.get("/q/health/ready").body()
                .contains("\"redis\": \"up\"") && second.get("/q/health/ready").body().contains("\"redis\": \"up\""));
        int healed = statuses.size();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> statuses.size() >= healed + 10);
        running.set(false);
        traffic.get();

        assertThat(statuses).hasSizeGreaterThan(60).allSatisfy(status -> assertThat(status).isEqualTo(200));
        assertThat(redis.keys("precis:v2:*")).isNotEmpty();
    }

    @Test
    void aTerminatedReplicaFinishesItsInFlightModelCalls() {
        fake.latency(Duration.ofSeconds(3));
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> second.postJson(
                "/api/v1/digests", json(SEED + "\n\nPendant l'arrêt.", "translate", false)));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fake.calls().size() == 1);

        second.terminate();
        try {
            HttpResponse<String> response = inFlight.join();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"cached\":false");
            // A JVM stopped by SIGTERM exits with 128 + 15 once its shutdown has completed.
            assertThat(second.awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
        } finally {
            fake.latency(Duration.ZERO);
            if (!second.alive()) {
                second.startAgain();
            }
        }
    }

    @Test
    void aJobWhoseReplicaDiesIsFinishedByTheOtherFromThePartsAlreadyStored() throws Exception {
        fake.slowDown(call -> call.task() == Task.TRANSLATION, Duration.ofSeconds(5));
        String article = SEED + "\n\nUn travail long, interrompu.";
        HttpResponse<String> accepted = first.postJson("/api/v1/digests", json(article),
                Map.of("Prefer", "respond-async"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();

        // The other replica reads the job; the summary is stored and the translation under way when the first dies.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode job = JSON.readTree(second.get(location).body());
            return job.path("status").asText().equals("running") && job.path("progress").path("partsDone").asInt() == 1
                    && fake.count(Task.TRANSLATION) == 1;
        });
        first.kill();
        try {
            JsonNode finished = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> JSON.readTree(second.get(location).body()),
                            job -> job.path("status").asText().equals("succeeded"));

            assertThat(finished.path("result").path("summary").path("text").asText()).isNotBlank();
            assertThat(finished.path("result").path("translation").path("text").asText()).isNotBlank();
            // The summary came from what the first replica stored; only the translation it lost was written again.
            assertThat(fake.count(Task.SUMMARY)).isOne();
            assertThat(fake.count(Task.TRANSLATION)).isEqualTo(2);
        } finally {
            fake.slowDown(call -> false, Duration.ZERO);
            first.startAgain();
        }
    }

    @Test
    void aJobRunningOnOneReplicaIsCancelledThroughTheOther() throws Exception {
        fake.latency(Duration.ofSeconds(4));
        try {
            HttpResponse<String> accepted = first.postJson("/api/v1/digests", json(SEED + "\n\nAnnulé ailleurs."),
                    Map.of("Prefer", "respond-async"));
            String location = accepted.headers().firstValue("Location").orElseThrow();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fake.calls().size() == 2);

            HttpResponse<String> cancelling = second.delete(location);
            assertThat(cancelling.statusCode()).as(cancelling.body()).isIn(200, 202);

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> JSON.readTree(second.get(location).body())
                    .path("status").asText().equals("cancelled"));
            assertThat(JSON.readTree(first.get(location).body()).path("status").asText()).isEqualTo("cancelled");
        } finally {
            fake.latency(Duration.ZERO);
        }
    }

    private static JsonNode digest(ServiceProcess replica, String article) throws Exception {
        HttpResponse<String> response = replica.postJson("/api/v1/digests", json(article));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String json(String article, Object... options) {
        try {
            return JSON.writeValueAsString(Articles.digest(article, options));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
