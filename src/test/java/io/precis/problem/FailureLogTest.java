package io.precis.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.testing.LogCapture;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** However many unexpected failures a client provokes, the log gets a bounded number of lines about them. */
class FailureLogTest {

    private static final String LOGGER = "io.precis.problem.FailureLogTest";

    @Test
    void aBurstIsLoggedUpToItsBudgetAndTheRestIsCountedInTheNextLine() {
        AtomicLong now = new AtomicLong();
        FailureLog failures = new FailureLog(Logger.getLogger(LOGGER), now::get);

        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 500; i++) {
                failures.unexpected(new IllegalStateException("boom " + i), "/api/v1/digests", "id-" + i);
            }
            assertThat(lines(logs)).hasSize(FailureLog.BURST);

            now.addAndGet(2_000_000_000L);
            failures.unexpected(new IllegalStateException("later"), "/api/v1/digests", "id-later");
            failures.unexpected(new IllegalStateException("later too"), "/api/v1/digests", "id-later-too");

            List<String> lines = lines(logs);
            assertThat(lines).hasSize(FailureLog.BURST + 2);
            assertThat(lines.get(FailureLog.BURST)).contains("id-later", (500 - FailureLog.BURST) + " more were not"
                    + " logged");
            assertThat(lines.get(FailureLog.BURST + 1)).contains("id-later-too").doesNotContain("more were not");
        }
    }

    @Test
    void failuresWithinTheBudgetAreEachLoggedWithTheirErrorId() {
        AtomicLong now = new AtomicLong();
        FailureLog failures = new FailureLog(Logger.getLogger(LOGGER), now::get);

        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 5; i++) {
                now.addAndGet(1_000_000_000L);
                failures.unexpected(new IllegalStateException("boom"), "/api/v1/summaries", "id-" + i);
            }

            assertThat(lines(logs)).hasSize(5).allMatch(line -> line.contains("ERROR")
                    && line.contains("/api/v1/summaries") && line.contains("IllegalStateException"));
        }
    }

    private static List<String> lines(LogCapture logs) {
        return logs.all().stream().filter(line -> line.startsWith(LOGGER)).toList();
    }
}
