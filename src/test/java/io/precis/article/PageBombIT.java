package io.precis.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.testing.Corpus;
import io.precis.testing.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sixteen HTML bombs at once against the packaged service at a production heap (-Xmx512m, below the 537m the
 * Kubernetes memory limit gives): once {@code OutOfMemoryError}s and 30 s stalls, now each a clean refusal while
 * ordinary requests keep being answered.
 */
class PageBombIT {

    private static final String NAME = "page-bombs";
    private static final int BOMBS = 16;
    private static ServiceProcess service;

    @BeforeAll
    static void start() throws IOException {
        Files.deleteIfExists(Path.of("target", NAME + ".log"));
        // A wait long enough for every bomb to get its turn: each must be refused for what it is, not for the queue.
        service = ServiceProcess.start(NAME, Map.of("LLM_PROVIDER", "extractive", "ARTICLE_PAGE_WAIT", "90s"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** 398 000 nested divs in 2 MB: far more tags than any news page, refused before its tree is built. */
    @Test
    void pagesOfHundredsOfThousandsOfNestedElementsAreRefusedWhileOthersAreServed() {
        assertBombsRefusedAndServiceServing("<html><body>" + "<div>".repeat(398_000) + "x</body></html>");
    }

    /** Stray end tags, each of which a parser turns into an element: counted as tags too. */
    @Test
    void pagesOfHundredsOfThousandsOfStrayEndTagsAreRefusedWhileOthersAreServed() {
        assertBombsRefusedAndServiceServing("<html><body>" + "</p>".repeat(499_000) + "x</body></html>");
    }

    /** 59 000 nested elements: under the tag limit, so parsed, in turns, and refused for its depth. */
    @Test
    void deepPagesJustUnderTheTagLimitAreRefusedWhileOthersAreServed() {
        assertBombsRefusedAndServiceServing("<html><body>" + "<div><span>".repeat(29_500) + "x</body></html>");
    }

    private static void assertBombsRefusedAndServiceServing(String bomb) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> bombs = new ArrayList<>();
        for (int i = 0; i < BOMBS; i++) {
            // Each differs by a byte so that none is answered from another's remembered extraction.
            bombs.add(client.sendAsync(HttpRequest.newBuilder(URI.create(service.url() + "/api/v1/digests?translate=false"
                    + "&summaryLanguage=fr")).header("Content-Type", "text/html; charset=utf-8")
                    .timeout(Duration.ofSeconds(90))
                    .POST(HttpRequest.BodyPublishers.ofString(bomb + " ".repeat(i))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> ordinary = service.postJson("/api/v1/digests", "{\"text\": " + json(
                Corpus.text(Corpus.SEED_CLEAN)) + ", \"summaryLanguage\": \"fr\", \"translate\": false}");

        assertThat(ordinary.statusCode()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> sent : bombs) {
            HttpResponse<String> answer = sent.join();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(answer.body()).contains("The page is not a news page");
        }
        assertThat(service.alive()).isTrue();
        assertThat(log()).doesNotContain("OutOfMemoryError");
    }

    private static String log() {
        try {
            return Files.readString(Path.of("target", NAME + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
