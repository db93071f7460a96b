package io.precis.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.precis.cache.ResultCache;
import io.precis.testing.Circuits;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.precis.testing.FakeLlmServer.Task;
import io.precis.testing.Reply;
import io.precis.testing.Texts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code OUTPUT_CHECKS=strict}: a text whose defects outlived its corrective turn is refused, never served. */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = {
        @ResourceArg(name = "provider", value = "openai"),
        @ResourceArg(name = "output.checks", value = "strict")})
class StrictOutputChecksTest {

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    @BeforeEach
    void reset() {
        fake.reset();
        store.clear();
        Circuits.close("openai");
    }

    @Test
    void refusesATextWithDefectsWithA502ListingThemAndRefusesItAgainWithoutCallingTheModel() {
        fake.on(Task.SUMMARY, Reply.text(OutputChecksServiceTest.WRONG_NUMBER));
        fake.on(Task.CORRECTION, Reply.text(OutputChecksServiceTest.WRONG_NUMBER));

        for (int attempt = 0; attempt < 2; attempt++) {
            OutputChecksServiceTest.summarize().statusCode(502)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/llm-bad-output"))
                    .body("detail", containsString("OUTPUT_CHECKS=strict"))
                    .body("warnings.code", contains("number-not-in-source"))
                    .body("warnings[0].detail", equalTo("The number '12' is not in the article."));
        }

        assertThat(fake.calls()).extracting(FakeLlmServer.Call::task).containsExactly(Task.SUMMARY, Task.CORRECTION);
    }

    @Test
    void servesATextTheCorrectiveTurnFixed() {
        fake.on(Task.SUMMARY, Reply.text(OutputChecksServiceTest.WRONG_NUMBER));

        OutputChecksServiceTest.summarize().statusCode(200)
                .body("summary.text", equalTo(Texts.ENGLISH_SHORT_SUMMARY));
    }
}
