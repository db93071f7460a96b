package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.quality.EvaluationTable.Row;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Documents the provider fails on are counted, scored 0 and reported, and the program says so in its status. */
@QuarkusTest
@TestProfile(EvaluateWithUnreachableModelTest.NothingListens.class)
class EvaluateWithUnreachableModelTest {

    /**
     * An OpenAI-compatible endpoint on a loopback port where nothing listens, no retries, and no extractive stand-in,
     * as in the service the program starts for a run.
     */
    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("llm.provider", "openai", "llm.base-url", "http://127.0.0.1:" + closedPort() + "/v1",
                    "llm.model", "absent-model", "llm.api-key", "test-key-not-a-secret", "llm.retry.max-retries", "0",
                    "llm.fallback-extractive", "false");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @TestHTTPResource("/")
    URL service;

    @Test
    void countsFailedDocumentsAndScoresThemZero() {
        EvaluateRun run = EvaluateRun.against(service, "--limit", "3");
        Row provider = EvaluationTable.rows(run.output()).get("Provider: openai absent-model");

        assertThat(run.status()).as(run.errorOutput()).isEqualTo(1);
        assertThat(provider.failures()).isEqualTo(3);
        assertThat(provider.rougeL()).isZero();
        assertThat(provider.lengthRespected()).isZero();
        assertThat(run.output()).contains("Provider failures (scored 0): llm-unavailable 3");
        assertThat(EvaluationTable.rows(run.output()).get("BARThez").rougeL()).isPositive();
    }
}
