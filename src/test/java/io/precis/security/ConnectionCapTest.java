package io.precis.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.testing.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** One client holding connections open: past the cap, a problem and a closed connection, not a held socket. */
@QuarkusTest
@TestProfile(ConnectionCapTest.ThreeConnections.class)
class ConnectionCapTest {

    private static final String REQUEST = "GET /q/health/live HTTP/1.1\r\nHost: x\r\n\r\n";

    /** Three connections per client. */
    public static class ThreeConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("http.max-connections-per-client", "3");
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Inject
    ConnectionCap cap;

    @Test
    void aClientOverItsConnectionCapGetsA429ProblemAndItsConnectionClosed() throws IOException {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = connect();
                held.add(socket);
                assertThat(exchange(socket, REQUEST)).startsWith("HTTP/1.1 200 ");
            }

            try (Socket fourth = connect()) {
                String answer = exchange(fourth, REQUEST);
                assertThat(answer).startsWith("HTTP/1.1 429 ").contains("application/problem+json",
                        "HTTP_MAX_CONNECTIONS_PER_CLIENT", "connection: close");
                assertThat(fourth.getInputStream().read()).as("closed by the service").isEqualTo(-1);
            }
            // The connections it has keep serving it.
            assertThat(exchange(held.get(0), REQUEST)).startsWith("HTTP/1.1 200 ");

            held.remove(2).close();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cap.openFor("127.0.0.1") == 2);
            try (Socket again = connect()) {
                assertThat(exchange(again, REQUEST)).startsWith("HTTP/1.1 200 ");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private Socket connect() throws IOException {
        return RawHttp.connect(root);
    }

    private static String exchange(Socket socket, String request) throws IOException {
        return RawHttp.exchange(socket, request);
    }
}
