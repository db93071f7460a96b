package io.precis.quality;

import io.precis.llm.SummaryLength;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an evaluation run found, and its table.
 *
 * @param documents       documents evaluated
 * @param splitSize       documents in the split
 * @param seed            the seed of the sample, when it is one
 * @param length          the length asked of the provider
 * @param concurrency     provider calls run at once
 * @param rows            the provider first, then the published systems, then the lead baselines
 * @param referenceWords  mean length of the reference abstracts, in words
 * @param referenceLength share of the reference abstracts that have the length asked for
 * @param failures        the provider's failures, counted by reason
 */
public record EvaluationReport(int documents, int splitSize, long seed, SummaryLength length, int concurrency,
        List<SystemResult> rows, double referenceWords, double referenceLength, Map<String, Integer> failures) {

    /** The report as Markdown: a heading line, the table, and notes. Scores are F1 × 100, as papers give them. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("OrangeSum Abstract test split: ").append(documents).append(" of ").append(splitSize)
                .append(" documents").append(documents < splitSize ? " (seeded sample, seed " + seed + ")" : "")
                .append("; provider asked for ").append(length.code()).append(" summaries, ").append(concurrency)
                .append(" at once\n\n");
        out.append("| System | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 | Mean words | Length respected | Docs/s |"
                + " Failures |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SystemResult row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1f | %.1f%% | %s | %d |%n",
                    row.name(), 100 * row.rouge1(), 100 * row.rouge2(), 100 * row.rougeL(), row.meanWords(),
                    100 * row.lengthRespected(), row.docsPerSecond().isPresent()
                            ? String.format(Locale.ROOT, "%.1f", row.docsPerSecond().getAsDouble()) : "-",
                    row.failures()));
        }
        out.append(String.format(Locale.ROOT, "%nReference abstracts: %.1f words on average; %.1f%% have the %s"
                + " length.%n", referenceWords, 100 * referenceLength, length.code()));
        out.append("Length respected: ").append(rule(length)).append('\n');
        if (!failures.isEmpty()) {
            out.append("Provider failures (scored 0): ").append(failures.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        }
        return out.toString();
    }

    private static String rule(SummaryLength length) {
        String sentences = length.minSentences() == length.maxSentences()
                ? (length.minSentences() == 1 ? "exactly one sentence" : "exactly " + length.minSentences()
                        + " sentences")
                : length.minSentences() + " to " + length.maxSentences() + " sentences";
        return sentences + " in one paragraph, as the service's sentence splitter counts them; words not counted.";
    }
}
