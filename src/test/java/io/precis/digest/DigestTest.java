package io.precis.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.article.Language;
import io.precis.llm.ModelRef;
import io.precis.task.SummaryLength;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestTest {

    private static final Instant WRITTEN = Instant.parse("2026-12-02T01:40:00Z");

    @Test
    void isWholeFromTheCacheOnlyWhenEveryPartCameFromIt() {
        Part cachedSummary = part(Origin.CACHE);
        Part cachedTranslation = part(Origin.CACHE);

        assertThat(digest(cachedSummary, cachedTranslation).wholeFromCache()).isTrue();
        assertThat(digest(cachedSummary, null).wholeFromCache()).isTrue();
        // The article as its own translation, the stand-in's summary, a part written now: cached() may still say
        // true for the first two, but the answer carries a part dated now.
        assertThat(digest(cachedSummary, part(Origin.ARTICLE)).wholeFromCache()).isFalse();
        assertThat(digest(part(Origin.DEGRADED), cachedTranslation).wholeFromCache()).isFalse();
        assertThat(digest(cachedSummary, part(Origin.MODEL)).wholeFromCache()).isFalse();
    }

    private static Part part(Origin origin) {
        return new Part(Language.EN, SummaryLength.MEDIUM, "A text.", origin, WRITTEN, null, null, List.of());
    }

    private static Digest digest(Part summary, Part translation) {
        return new Digest("ab".repeat(32), Language.FR, summary, translation, new ModelRef("openai", "fake-model"),
                "1c9e4b2a7f30", null);
    }
}
