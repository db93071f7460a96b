package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many summaries the program asks at once, and which services it accepts. */
class EvaluationOptionsTest {

    @Test
    void asksAsManySummariesAtOnceAsTheServiceCallsItsModel() {
        assertThat(EvaluationOptions.parse(List.of(), Map.of()).inFlight("openai")).isEqualTo(32);
        assertThat(EvaluationOptions.parse(List.of(), Map.of("LLM_MAX_CONCURRENCY", "4")).inFlight("openai"))
                .isEqualTo(4);
    }

    @Test
    void asksALocalModelOneSummaryAtATime() {
        assertThat(EvaluationOptions.parse(List.of(), Map.of("LLM_MAX_CONCURRENCY", "4")).inFlight("local"))
                .isEqualTo(1);
    }

    @Test
    void theConcurrencyOptionOverridesTheDefaults() {
        EvaluationOptions options = EvaluationOptions.parse(List.of("--concurrency", "3"),
                Map.of("LLM_MAX_CONCURRENCY", "4"));

        assertThat(options.inFlight("local")).isEqualTo(3);
        assertThat(options.inFlight("openai")).isEqualTo(3);
    }

    @Test
    void refusesAConcurrencyThatIsNotPositive() {
        assertThatThrownBy(() -> EvaluationOptions.parse(List.of("--concurrency", "0"), Map.of()))
                .hasMessage("--concurrency must be a positive number, not 0");
        assertThatThrownBy(() -> EvaluationOptions.parse(List.of(), Map.of("LLM_MAX_CONCURRENCY", "many")))
                .hasMessage("LLM_MAX_CONCURRENCY must be a number, not many");
    }

    @Test
    void takesTheServiceAsAnHttpUrl() {
        assertThat(EvaluationOptions.parse(List.of("--url", "http://localhost:8080"), Map.of()).url())
                .contains(URI.create("http://localhost:8080"));
        assertThat(EvaluationOptions.parse(List.of(), Map.of()).url()).isEmpty();
        assertThatThrownBy(() -> EvaluationOptions.parse(List.of("--url", "localhost:8080"), Map.of()))
                .hasMessage("--url must be an http:// or https:// URL, not localhost:8080");
    }
}
