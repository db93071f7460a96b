package io.precis.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.llm.Availability;
import io.precis.llm.Capabilities;
import io.precis.llm.LlmProvider;
import io.precis.llm.ModelRef;
import io.precis.llm.TokenBudget;
import io.precis.task.Author;
import io.precis.task.Cancellation;
import io.precis.task.Deadline;
import io.precis.task.Generation;
import io.precis.task.Task;
import io.precis.task.TextSink;
import io.precis.testing.TestConfig;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What /api/v1/languages says while the model cannot write: only what the service can do without it. */
class LanguagesResourceTest {

    private static final Availability FAILED = new Availability(false, "failed", Optional.of("No model file."));

    @Test
    void withoutTheModelOnlySummariesInTheArticlesLanguageFromTheExtractiveStandIn() {
        LanguagesResource.Languages now = new LanguagesResource(new Provider(FAILED),
                TestConfig.llm(Map.of())).list();

        assertThat(now.summary()).isNotEmpty();
        assertThat(now.summaryInSourceLanguageOnly()).isTrue();
        assertThat(now.target()).isEmpty();
        assertThat(now.modelReady()).isFalse();
        assertThat(now.unavailableReason()).isEqualTo("No model file.");
    }

    @Test
    void withoutTheModelAndWithoutTheStandInNoSummaryAtAll() {
        LanguagesResource.Languages now = new LanguagesResource(new Provider(FAILED),
                TestConfig.llm(Map.of("llm.fallback-extractive", "false"))).list();

        assertThat(now.summary()).isEmpty();
        assertThat(now.target()).isEmpty();
    }

    @Test
    void aReadyModelDoesEverything() {
        LanguagesResource.Languages now = new LanguagesResource(new Provider(Availability.READY),
                TestConfig.llm(Map.of("llm.fallback-extractive", "false"))).list();

        assertThat(now.summary()).hasSize(2);
        assertThat(now.target()).hasSize(2);
        assertThat(now.summaryInSourceLanguageOnly()).isFalse();
        assertThat(now.unavailableReason()).isNull();
    }

    /** A provider with a model that translates, in the given state. */
    private record Provider(Availability availability) implements LlmProvider {
        @Override
        public Capabilities capabilities() {
            return new Capabilities(new ModelRef("local", "m"), "v1", true, true, OptionalInt.empty());
        }

        @Override
        public Author author() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TokenBudget budget() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Generation> write(Task task, Deadline deadline, Cancellation stop,
                TextSink sink) {
            throw new UnsupportedOperationException();
        }
    }
}
