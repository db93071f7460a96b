package io.precis.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.testing.LogCapture;
import io.precis.testing.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests whose framing is wrong, sent as raw bytes as an attacker sends them: a URI or headers over the limits, or
 * both a Content-Length and a Transfer-Encoding. Each gets a problem document where the HTTP server sent an empty body.
 */
@QuarkusTest
class FramingTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void aUriOverTheLimitIsA414Problem() throws IOException {
        String answer = exchange("GET /api/v1/languages?q=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 414 ").contains("application/problem+json",
                "\"type\":\"/problems/uri-too-long\"", "HTTP_MAX_URI_LENGTH");
        assertThat(answer.length()).as("the URI is not sent back").isLessThan(2000);
    }

    @Test
    void headersOverTheLimitAreA431Problem() throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            headers.append("X-Filler-").append(i).append(": ").append("b".repeat(1000)).append("\r\n");
        }

        String answer = exchange("GET /api/v1/languages HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n");

        assertThat(answer).startsWith("HTTP/1.1 431 ").contains("application/problem+json",
                "\"type\":\"/problems/headers-too-large\"", "HTTP_MAX_HEADER_SIZE");
    }

    @Test
    void anEmptyChunkedBodyIsAnsweredAtOnce() throws IOException {
        // It once left the request waiting for a body already read, until the idle timeout.
        String answer = exchange("POST /api/v1/digests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("\"type\":\"/problems/invalid-request\"",
                "The request body is empty");
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413Problem() throws IOException {
        StringBuilder chunks = new StringBuilder();
        String chunk = "x".repeat(65_536);
        for (int i = 0; i < 40; i++) {
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }

        String answer = exchange("POST /api/v1/digests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunks + "0\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("\"type\":\"/problems/body-too-large\"");
    }

    @Test
    void aRequestWithBothAContentLengthAndAChunkedBodyIsReadAsChunked() throws IOException {
        String json = "{\"text\": \"\"}";
        String answer = exchange("POST /api/v1/digests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(json.length())
                + "\r\n" + json + "\r\n0\r\n\r\n");

        // The whole chunked body was read: its field is judged, not a 2-byte prefix of it.
        assertThat(answer).startsWith("HTTP/1.1 4").contains("application/problem+json").contains("text");
        assertThat(answer).doesNotContain("not valid JSON");
    }

    @Test
    void aClientHangingUpInTheMiddleOfItsBodyWritesNoErrorLine() throws IOException {
        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 5; i++) {
                try (Socket socket = new Socket(root.getHost(), root.getPort())) {
                    socket.getOutputStream().write(("POST /api/v1/digests HTTP/1.1\r\nHost: x\r\nContent-Type:"
                            + " application/json\r\nContent-Length: 5000\r\n\r\n{\"text\": \"Le d")
                            .getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                }
            }
            // A request that completes afterwards shows the hang-ups were handled.
            assertThat(exchange("GET /q/health/live HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200 ");

            List<String> lines = logs.atInfoOrAbove();
            assertThat(lines).noneSatisfy(line -> assertThat(line).contains("ERROR"));
        }
    }

    private String exchange(String request) throws IOException {
        return RawHttp.exchange(root, request);
    }
}
