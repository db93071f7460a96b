package io.precis.llm.extractive;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.article.Language;
import io.precis.llm.extractive.TuningSplit.Doc;
import io.precis.quality.Lead;
import io.precis.quality.Rouge;
import io.precis.task.SummaryLength;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the result docs/quality.md reports: the extractive summarizer's one-sentence summaries beat LEAD-1 and
 * LEAD-2 on ROUGE-L, on documents its weights were not chosen on: those {@link TuningSplit} holds out.
 */
class ExtractiveSummaryQualityTest {

    private static final TextRankSummarizer SUMMARIZER = new TextRankSummarizer();

    static String extractive(Doc doc) {
        return String.join(" ", SUMMARIZER.summarize(doc.article().paragraphs(), Language.FR, SummaryLength.SHORT));
    }

    /** ROUGE-L F1 of each document's summary. */
    static double[] rougeL(List<Doc> docs, Function<Doc, String> system) {
        return docs.parallelStream()
                .mapToDouble(doc -> Rouge.score(doc.reference(), system.apply(doc)).rougeL().f1())
                .toArray();
    }

    static double mean(double[] values) {
        return IntStream.range(0, values.length).mapToDouble(i -> values[i]).average().orElse(0);
    }

    @Test
    void beatsBothLeadBaselinesOnTheHeldOutDocumentsBeyondChance() {
        List<Doc> heldOut = TuningSplit.load().heldOut();

        double[] extractive = rougeL(heldOut, ExtractiveSummaryQualityTest::extractive);
        double[] lead1 = rougeL(heldOut, doc -> Lead.of(doc.article(), 1));
        double[] lead2 = rougeL(heldOut, doc -> Lead.of(doc.article(), 2));
        double[] interval = pairedBootstrap(extractive, lead2);
        System.out.printf(Locale.ROOT, "Held-out %d documents, ROUGE-L F1: extractive %.2f, LEAD-1 %.2f, LEAD-2 %.2f;"
                + " extractive minus LEAD-2, 95%% paired bootstrap interval [%.2f, %.2f]%n", heldOut.size(),
                100 * mean(extractive), 100 * mean(lead1), 100 * mean(lead2), 100 * interval[0], 100 * interval[1]);

        assertThat(heldOut).hasSize(TuningSplit.SIZE);
        assertThat(mean(extractive)).isGreaterThan(mean(lead2)).isGreaterThan(mean(lead1));
        assertThat(interval[0]).as("lower end of the 95 %% interval of the gain over LEAD-2").isPositive();
    }

    @Test
    void beatsBothLeadBaselinesOnTheOrangeSumPagesOutsideTheTestSplit() {
        List<Doc> pages = TuningSplit.pages();

        double extractive = mean(rougeL(pages, ExtractiveSummaryQualityTest::extractive));

        assertThat(extractive).isGreaterThan(mean(rougeL(pages, doc -> Lead.of(doc.article(), 2))))
                .isGreaterThan(mean(rougeL(pages, doc -> Lead.of(doc.article(), 1))));
    }

    /** The 2.5th and 97.5th percentiles of the mean paired difference a - b, over 2 000 seeded resamples. */
    static double[] pairedBootstrap(double[] a, double[] b) {
        Random random = new Random(20261121);
        int resamples = 2_000;
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                int pick = random.nextInt(a.length);
                sum += a[pick] - b[pick];
            }
            means[r] = sum / a.length;
        }
        java.util.Arrays.sort(means);
        return new double[] {means[(int) (resamples * 0.025)], means[(int) (resamples * 0.975) - 1]};
    }
}
