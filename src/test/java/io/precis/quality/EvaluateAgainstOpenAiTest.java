package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.precis.quality.EvaluationTable.Row;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.Texts;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The evaluation command end to end against a fake OpenAI-compatible upstream, as an operator would point it at a
 * real model: the fake answers every summary with {@link Texts#FRENCH_SUMMARY}.
 */
@QuarkusMainTest
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class EvaluateAgainstOpenAiTest {

    @Test
    @Launch({"evaluate", "--limit", "4", "--seed", "11"})
    void scoresTheModelsAnswersBesideThePublishedSystems(LaunchResult result) {
        Map<String, Row> rows = EvaluationTable.rows(result.getOutput());
        Row provider = rows.get("Provider: openai fake-model");

        assertThat(rows).containsKeys("BARThez", "mBARThez", "mBART", "CamemBERT2CamemBERT", "LEAD-1", "LEAD-2");
        List<Integer> sample = EvaluationTable.BENCHMARK.sample(4, 11);
        IntFunction<String> answer = i -> Texts.FRENCH_SUMMARY;
        assertThat(provider.rouge1()).isCloseTo(EvaluationTable.expected(sample, answer, Rouge.Scores::rouge1),
                within(0.005));
        assertThat(provider.rouge2()).isCloseTo(EvaluationTable.expected(sample, answer, Rouge.Scores::rouge2),
                within(0.005));
        assertThat(provider.rougeL()).isCloseTo(EvaluationTable.expected(sample, answer, Rouge.Scores::rougeL),
                within(0.005));
        assertThat(provider.meanWords()).isEqualTo(Texts.FRENCH_SUMMARY.split(" ").length);
        assertThat(provider.lengthRespected()).as("the fake answers with two sentences").isZero();
        assertThat(provider.failures()).isZero();
        assertThat(Double.parseDouble(provider.docsPerSecond())).isPositive();
    }
}
