package io.precis.llm.extractive;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.article.Language;
import io.precis.llm.extractive.TuningSplit.Doc;
import io.precis.quality.Lead;
import io.precis.quality.SystemResult;
import io.precis.task.SummaryLength;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The tuning of {@link TextRankSummarizer#TUNED} for one-sentence summaries, kept so that it can be run again:
 * {@code ./mvnw -B -q test -Dtest=ExtractiveTuning -Dtune=true} (about a minute). It prints every point of the grid
 * and fails unless the best one is the summarizer's {@code TUNED} weights. It is not part of the suite: the
 * result it keeps is checked on every build by {@link ExtractiveSummaryQualityTest}.
 *
 * <p>It searches a grid of weights for the best mean ROUGE-L F1 on the tuning documents of {@link TuningSplit}. It
 * prints, without using them in the choice, the scores on the twenty OrangeSum pages outside the test split and the
 * best weights' scores on the held-out documents.
 */
@EnabledIfSystemProperty(named = "tune", matches = "true")
class ExtractiveTuning {

    @Test
    void searchTheGrid() {
        TuningSplit split = TuningSplit.load();
        List<Doc> dev = split.tuning();
        List<Doc> heldOut = split.heldOut();
        List<Doc> pages = TuningSplit.pages();

        System.out.printf(Locale.ROOT, "LEAD-1 dev %s pages %s held-out %s%n", rouge(dev, d -> lead(d, 1)),
                rouge(pages, d -> lead(d, 1)), rouge(heldOut, d -> lead(d, 1)));
        System.out.printf(Locale.ROOT, "LEAD-2 dev %s pages %s held-out %s%n", rouge(dev, d -> lead(d, 2)),
                rouge(pages, d -> lead(d, 2)), rouge(heldOut, d -> lead(d, 2)));

        TextRankSummarizer.Weights best = null;
        double bestScore = -1;
        for (TextRankSummarizer.Weights weights : grid()) {
            TextRankSummarizer summarizer = new TextRankSummarizer(weights);
            Function<Doc, String> shortSummary = d -> String.join(" ",
                    summarizer.summarize(d.article().paragraphs(), Language.FR, SummaryLength.SHORT));
            double[] devScores = scores(dev, shortSummary);
            System.out.printf(Locale.ROOT, "%s dev %s pages %s%n", weights, format(devScores),
                    format(scores(pages, shortSummary)));
            if (devScores[2] > bestScore) {
                bestScore = devScores[2];
                best = weights;
            }
        }
        TextRankSummarizer chosen = new TextRankSummarizer(best);
        Function<Doc, String> shortSummary = d -> String.join(" ",
                chosen.summarize(d.article().paragraphs(), Language.FR, SummaryLength.SHORT));
        System.out.printf(Locale.ROOT, "BEST %s dev %s pages %s held-out %s%n", best, rouge(dev, shortSummary),
                rouge(pages, shortSummary), rouge(heldOut, shortSummary));
        assertThat(best).as("the best weights on the tuning split").isEqualTo(TextRankSummarizer.TUNED);
    }

    private static List<TextRankSummarizer.Weights> grid() {
        List<TextRankSummarizer.Weights> grid = new ArrayList<>();
        for (double damping : new double[] {0.15, 0.5, 0.85}) {
            for (double decay : new double[] {0.25, 0.5, 1}) {
                for (double preferred : new double[] {30, 35, 40, 45}) {
                    for (double width : new double[] {12, 20, 30, 40}) {
                        for (double lead : new double[] {0.7, 0.85, 1}) {
                            grid.add(new TextRankSummarizer.Weights(damping, decay, preferred, width, lead));
                        }
                    }
                }
            }
        }
        return grid;
    }

    private static String lead(Doc doc, int k) {
        return Lead.of(doc.article(), k);
    }

    private static String rouge(List<Doc> docs, Function<Doc, String> system) {
        return format(scores(docs, system));
    }

    /** Mean ROUGE-1, ROUGE-2 and ROUGE-L F1, and mean words, as the evaluation command scores them. */
    private static double[] scores(List<Doc> docs, Function<Doc, String> system) {
        List<String> summaries = docs.parallelStream().map(system).toList();
        SystemResult result = SystemResult.score("", docs.stream().map(Doc::reference).toList(), summaries,
                SummaryLength.SHORT, OptionalDouble.empty());
        return new double[] {result.rouge1(), result.rouge2(), result.rougeL(), result.meanWords()};
    }

    private static String format(double[] scores) {
        return String.format(Locale.ROOT, "R1 %.2f R2 %.2f RL %.2f words %.1f", 100 * scores[0], 100 * scores[1],
                100 * scores[2], scores[3]);
    }
}
