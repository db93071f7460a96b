package io.precis.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/** The rows of the Markdown table the evaluation command prints, read back by tests. */
final class EvaluationTable {

    /**
     * One row.
     *
     * @param cells the cells after the system's name: ROUGE-1, ROUGE-2, ROUGE-L, mean words, length respected (with
     *              its percent sign), docs/s (or "-"), failures
     */
    record Row(List<String> cells) {

        double rouge1() {
            return Double.parseDouble(cells.get(0));
        }

        double rouge2() {
            return Double.parseDouble(cells.get(1));
        }

        double rougeL() {
            return Double.parseDouble(cells.get(2));
        }

        double meanWords() {
            return Double.parseDouble(cells.get(3));
        }

        double lengthRespected() {
            return Double.parseDouble(cells.get(4).replace("%", ""));
        }

        String docsPerSecond() {
            return cells.get(5);
        }

        int failures() {
            return Integer.parseInt(cells.get(6));
        }
    }

    /** The split, as the command reads it by default. */
    static final Benchmark BENCHMARK = Benchmark.load(EvaluationOptions.DEFAULT_DATA);

    private EvaluationTable() {
    }

    /** What the table should say for a measure: the mean F1 × 100 of the summaries of the sample, by {@link Rouge}. */
    static double expected(List<Integer> sample, IntFunction<String> summary,
            Function<Rouge.Scores, Rouge.Measure> measure) {
        return 100 * sample.stream()
                .mapToDouble(i -> measure.apply(Rouge.score(BENCHMARK.references().get(i), summary.apply(i))).f1())
                .average().orElseThrow();
    }

    /** The table's rows by system name, in order. */
    static Map<String, Row> rows(String output) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            if (!line.startsWith("| ") || line.startsWith("| System ")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                    .map(String::strip).toList();
            assertThat(cells).as(line).hasSize(8);
            rows.put(cells.get(0), new Row(cells.subList(1, cells.size())));
        }
        return rows;
    }
}
