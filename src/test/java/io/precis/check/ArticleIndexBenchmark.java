package io.precis.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * How long the output checks take to index an article, on the first 300 OrangeSum test articles: its names
 * ({@link Names.Source}) and its numbers ({@link Numbers#ofSource}). 15 rounds each, the median of the last 10
 * reported, in µs per article.
 *
 * <pre>bash eval/test-program.sh io.precis.check.ArticleIndexBenchmark</pre>
 */
public final class ArticleIndexBenchmark {

    private static final Path ARTICLES = Path.of("src/test/resources/corpus/orangesum-abstract/source_documents.txt");
    private static final int ROUNDS = 15;
    private static final int WARM_UP = 5;
    private static final int COUNT = 300;

    private ArticleIndexBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<String> articles = Files.readAllLines(ARTICLES, StandardCharsets.UTF_8).subList(0, COUNT);
        measure("Name index", articles, article -> new Names.Source(article).has("france") ? 1 : 0);
        measure("Number index", articles, article -> Numbers.ofSource(article).size());
    }

    private static void measure(String what, List<String> articles, ToIntFunction<String> index) {
        double[] micros = new double[ROUNDS - WARM_UP];
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            for (String article : articles) {
                sink += index.applyAsInt(article);
            }
            if (round >= WARM_UP) {
                micros[round - WARM_UP] = (System.nanoTime() - started) / 1e3 / COUNT;
            }
        }
        Arrays.sort(micros);
        System.out.printf("%s: %.1f µs per article (median of %d rounds after %d of warm-up; %d articles; check %d)%n",
                what, micros[micros.length / 2], micros.length, WARM_UP, COUNT, sink);
    }
}
