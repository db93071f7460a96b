package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.quality.EvaluationTable.Row;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Documents the provider fails on are counted, scored 0 and reported, and the command says so in its status. */
@QuarkusMainTest
@TestProfile(EvaluateWithUnreachableModelTest.NothingListens.class)
class EvaluateWithUnreachableModelTest {

    /** An OpenAI-compatible endpoint on a loopback port where nothing listens, and no retries. */
    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("llm.provider", "openai", "llm.base-url", "http://127.0.0.1:" + closedPort() + "/v1",
                    "llm.model", "absent-model", "llm.api-key", "test-key-not-a-secret", "llm.max-retries", "0");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    @Launch(value = {"evaluate", "--limit", "3"}, exitCode = 1)
    void countsFailedDocumentsAndScoresThemZero(LaunchResult result) {
        Row provider = EvaluationTable.rows(result.getOutput()).get("Provider: openai absent-model");

        assertThat(provider.failures()).isEqualTo(3);
        assertThat(provider.rougeL()).isZero();
        assertThat(provider.lengthRespected()).isZero();
        assertThat(result.getOutput()).contains("Provider failures (scored 0): llm-unavailable 3");
        assertThat(EvaluationTable.rows(result.getOutput()).get("BARThez").rougeL()).isPositive();
    }
}
