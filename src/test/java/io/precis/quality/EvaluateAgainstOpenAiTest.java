package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.precis.article.Article;
import io.precis.article.ArticleNormalizer;
import io.precis.quality.EvaluationTable.Row;
import io.precis.cache.ResultCache;
import io.precis.testing.Circuits;
import io.precis.testing.FakeLlm;
import io.precis.testing.FakeLlmResource;
import io.precis.testing.FakeLlmServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The evaluation program end to end against a service whose model is a fake OpenAI-compatible upstream, as an
 * operator would point it at a real model: the fake answers each summary with the first sentence of the article it
 * was sent, so the model's row must score what LEAD-1 scores, document by document, if every answer was matched to
 * its own article.
 */
@QuarkusTest
@WithTestResource(value = FakeLlmResource.class, initArgs = @ResourceArg(name = "provider", value = "openai"))
class EvaluateAgainstOpenAiTest {

    @TestHTTPResource("/")
    URL service;

    @FakeLlm
    FakeLlmServer fake;

    @Inject
    ResultCache store;

    /** The same service as the other tests against the fake (one Quarkus build for all): its summaries set here. */
    @BeforeEach
    void answerEverySummaryWithTheArticlesFirstSentence() {
        fake.reset();
        store.clear();
        Circuits.close("openai");
        fake.summarizeWith(article -> Lead.of(Article.of(article), 1));
    }

    /**
     * Seed 14 draws documents whose first sentences are 18 to 35 words long. With seed 11, document 671's first
     * "sentence" is three glued together, 114 words: the service refuses that as a runaway answer, as it would a
     * model's, and the row counts a failure instead.
     */
    @Test
    void scoresTheModelsAnswersBesideThePublishedSystems() {
        EvaluateRun run = EvaluateRun.against(service, "--limit", "6", "--seed", "14");
        Map<String, Row> rows = EvaluationTable.rows(run.output());
        Row provider = rows.get("Provider: openai fake-model");

        assertThat(run.status()).as(run.errorOutput()).isZero();
        assertThat(rows).containsKeys("BARThez", "mBARThez", "mBART", "CamemBERT2CamemBERT", "LEAD-1", "LEAD-2");
        List<Integer> sample = EvaluationTable.BENCHMARK.sample(6, 14);
        ArticleNormalizer normalizer = new ArticleNormalizer();
        IntFunction<String> firstSentence = i -> Lead.of(normalizer.normalize(
                EvaluationTable.BENCHMARK.sources().get(i)), 1);
        assertThat(provider.rouge1()).isCloseTo(EvaluationTable.expected(sample, firstSentence,
                Rouge.Scores::rouge1), within(0.005));
        assertThat(provider.rouge2()).isCloseTo(EvaluationTable.expected(sample, firstSentence,
                Rouge.Scores::rouge2), within(0.005));
        assertThat(provider.rougeL()).isCloseTo(EvaluationTable.expected(sample, firstSentence,
                Rouge.Scores::rougeL), within(0.005));
        assertThat(provider.rougeL()).isEqualTo(rows.get("LEAD-1").rougeL());
        assertThat(provider.meanWords()).isEqualTo(rows.get("LEAD-1").meanWords());
        assertThat(provider.lengthRespected()).as("one sentence each").isEqualTo(100.0);
        assertThat(provider.failures()).isZero();
        assertThat(Double.parseDouble(provider.docsPerSecond())).isPositive();
    }
}
