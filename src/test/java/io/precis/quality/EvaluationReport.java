package io.precis.quality;

import io.precis.article.ArticleNormalizer;
import io.precis.task.SummaryLength;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * What an evaluation run found, and its table.
 *
 * @param documents       documents evaluated
 * @param splitSize       documents in the split
 * @param seed            the seed of the sample, when it is one
 * @param length          the length asked of the provider
 * @param concurrency     summaries asked of the service at once
 * @param rows            the provider first, then the published systems, then the lead baselines
 * @param referenceWords  mean length of the reference abstracts, in words
 * @param referenceLength share of the reference abstracts that have the length asked for
 * @param failures        the provider's failures, counted by reason
 */
public record EvaluationReport(int documents, int splitSize, long seed, SummaryLength length, int concurrency,
        List<SystemResult> rows, double referenceWords, double referenceLength, Map<String, Integer> failures) {

    /**
     * Scores the provider's pass and the other systems by the same scorer on the same documents: the provider, then
     * the systems published with the split, then LEAD-1 and LEAD-2.
     *
     * @param documents the sampled documents, which the pass summarized in this order
     * @param provider  the provider and model that wrote the pass, as the row names them
     */
    public static EvaluationReport score(Benchmark benchmark, List<Integer> documents, EvaluationOptions options,
            String provider, ProviderPass pass) {
        List<String> references = Benchmark.pick(benchmark.references(), documents);
        List<String> sources = Benchmark.pick(benchmark.sources(), documents);
        SummaryLength length = options.length();
        List<SystemResult> rows = new ArrayList<>();
        rows.add(SystemResult.score("Provider: " + provider, references, pass.summaries(), length,
                OptionalDouble.of(pass.docsPerSecond())));
        benchmark.systems().forEach((name, outputs) -> rows.add(SystemResult.score(name, references,
                Benchmark.pick(outputs, documents), length, OptionalDouble.empty())));
        ArticleNormalizer normalizer = new ArticleNormalizer();
        for (int sentences = 1; sentences <= 2; sentences++) {
            int k = sentences;
            rows.add(SystemResult.score("LEAD-" + k, references,
                    sources.stream().map(s -> Lead.of(normalizer.normalize(s), k)).toList(), length,
                    OptionalDouble.empty()));
        }
        double referenceWords = references.stream().mapToInt(SystemResult::wordCount).average().orElse(0);
        double referenceLength = references.stream().filter(length::respectedBy).count()
                / (double) references.size();
        return new EvaluationReport(documents.size(), benchmark.size(), options.seed(), length, pass.concurrency(),
                rows, referenceWords, referenceLength, pass.failures());
    }

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
