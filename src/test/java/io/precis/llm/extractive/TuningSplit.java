package io.precis.llm.extractive;

import io.precis.article.Article;
import io.precis.article.ArticleNormalizer;
import io.precis.quality.Benchmark;
import io.precis.quality.EvaluationOptions;
import io.precis.testing.Corpus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The documents the extractive summarizer's weights were tuned on, and those they were not: the OrangeSum Abstract
 * test split cut into "tune-750" (750 documents drawn with seed {@value #SEED}, the same draw as
 * {@code bash eval/run.sh --limit 750 --seed 2026}) and the other 750, held out; and the twenty OrangeSum pages outside
 * the split.
 *
 * @param tuning  the tuning documents
 * @param heldOut the held-out documents
 */
record TuningSplit(List<Doc> tuning, List<Doc> heldOut) {

    static final long SEED = 2026;
    static final int SIZE = 750;
    /** The corpus's OrangeSum pages minus the four whose article is also in the test split. */
    static final List<String> PAGES = List.of("2633", "3134", "4869", "6388", "6643", "8037", "8088", "13435",
            "14880", "16826", "17646", "18327", "21244", "22162", "23447", "25864", "28568", "31793", "33978",
            "34237");

    private static final ArticleNormalizer NORMALIZER = new ArticleNormalizer();

    /** A normalized article and its human abstract. */
    record Doc(Article article, String reference) {
    }

    static TuningSplit load() {
        Benchmark benchmark = Benchmark.load(EvaluationOptions.DEFAULT_DATA);
        Set<Integer> tuning = new HashSet<>(benchmark.sample(SIZE, SEED));
        List<Doc> tuned = new ArrayList<>();
        List<Doc> heldOut = new ArrayList<>();
        for (int i = 0; i < benchmark.size(); i++) {
            Doc doc = new Doc(NORMALIZER.normalize(benchmark.sources().get(i)), benchmark.references().get(i));
            (tuning.contains(i) ? tuned : heldOut).add(doc);
        }
        return new TuningSplit(tuned, heldOut);
    }

    /** The twenty pages, each against its heading. */
    static List<Doc> pages() {
        return PAGES.stream().map(Corpus::orangeSum)
                .map(page -> new Doc(NORMALIZER.normalize(page.article()), page.heading()))
                .toList();
    }
}
