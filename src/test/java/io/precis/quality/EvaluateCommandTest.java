package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.precis.article.ArticleNormalizer;
import io.precis.article.Language;
import io.precis.llm.extractive.ExtractiveProvider;
import io.precis.quality.EvaluationTable.Row;
import io.precis.task.SummaryLength;
import io.precis.task.SummaryTask;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The evaluation program end to end against the test instance, with the extractive provider, the tests' default. */
@QuarkusTest
class EvaluateCommandTest {

    @TestHTTPResource("/")
    URL service;

    @Test
    void printsEverySystemSideBySideOnTheSameSeededSample() {
        EvaluateRun run = EvaluateRun.against(service, "--limit", "6", "--seed", "3");
        Map<String, Row> rows = EvaluationTable.rows(run.output());

        assertThat(run.status()).as(run.errorOutput()).isZero();
        assertThat(rows.keySet()).containsExactly("Provider: extractive textrank", "BARThez", "mBARThez", "mBART",
                "CamemBERT2CamemBERT", "LEAD-1", "LEAD-2");
        assertThat(run.output()).contains("6 of 1500 documents (seeded sample, seed 3)");
        List<Integer> sample = EvaluationTable.BENCHMARK.sample(6, 3);
        for (String system : EvaluationTable.BENCHMARK.systems().keySet()) {
            List<String> outputs = EvaluationTable.BENCHMARK.systems().get(system);
            assertThat(rows.get(system).rougeL()).as(system)
                    .isCloseTo(EvaluationTable.expected(sample, outputs::get, Rouge.Scores::rougeL), within(0.005));
            assertThat(rows.get(system).docsPerSecond()).isEqualTo("-");
        }
        Row provider = rows.get("Provider: extractive textrank");
        assertThat(provider.failures()).isZero();
        assertThat(provider.lengthRespected()).as("one sentence each").isEqualTo(100.0);
        assertThat(Double.parseDouble(provider.docsPerSecond())).isPositive();
        // The rows computed here, document by document, from the same sample: a misaligned sample or summary would
        // not score the same.
        ArticleNormalizer normalizer = new ArticleNormalizer();
        ExtractiveProvider extractive = new ExtractiveProvider();
        IntFunction<String> extractiveSummary = i -> extractive.summary(new SummaryTask(normalizer.normalize(
                EvaluationTable.BENCHMARK.sources().get(i)), null, Language.FR, Language.FR, SummaryLength.SHORT,
                extractive.author())).text();
        assertThat(provider.rouge1()).isCloseTo(EvaluationTable.expected(sample, extractiveSummary,
                Rouge.Scores::rouge1), within(0.005));
        assertThat(provider.rougeL()).isCloseTo(EvaluationTable.expected(sample, extractiveSummary,
                Rouge.Scores::rougeL), within(0.005));
        for (int k = 1; k <= 2; k++) {
            int sentences = k;
            IntFunction<String> lead = i -> Lead.of(normalizer.normalize(
                    EvaluationTable.BENCHMARK.sources().get(i)), sentences);
            assertThat(rows.get("LEAD-" + k).rougeL()).as("LEAD-%d", k)
                    .isCloseTo(EvaluationTable.expected(sample, lead, Rouge.Scores::rougeL), within(0.005));
        }
        assertThat(rows.get("LEAD-2").meanWords()).isGreaterThan(rows.get("LEAD-1").meanWords());
    }

    @Test
    void refusesAnInvalidOptionWithTheUsage() {
        EvaluateRun run = EvaluateRun.against(service, "--limit", "none");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errorOutput()).contains("--limit must be a number, not none", "usage: bash eval/run.sh");
        assertThat(run.output()).isEmpty();
    }

    @Test
    void refusesADirectoryWithoutTheSplit() {
        EvaluateRun run = EvaluateRun.against(service, "--data", "target/no-such-directory");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errorOutput()).contains("no-such-directory", "usage: bash eval/run.sh");
    }
}
