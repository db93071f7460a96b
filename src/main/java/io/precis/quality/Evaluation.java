package io.precis.quality;

import io.precis.article.Article;
import io.precis.article.ArticleNormalizer;
import io.precis.article.ArticleService;
import io.precis.article.Language;
import io.precis.article.PreparedArticle;
import io.precis.article.Sentences;
import io.precis.llm.LlmConfig;
import io.precis.llm.LlmExecutor;
import io.precis.llm.LlmProvider;
import io.precis.llm.ProviderKind;
import io.precis.llm.SummaryLength;
import io.precis.llm.SummaryTask;
import io.precis.llm.local.LocalModel;
import io.precis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Scores the configured provider on OrangeSum Abstract, side by side with the systems published with the dataset and
 * the lead baselines, all by the same scorer ({@link Rouge}) on the same documents.
 *
 * <p>Each article goes the service's way: prepared by {@link ArticleService} (normalized, checked, its language
 * detected), checked by the provider, then summarized through {@link LlmExecutor} under {@code LLM_TIMEOUT}, with
 * the provider's own retries, output cleaning and corrective turn. The result cache is left out, so that every
 * document costs what a new article costs. As many calls run at once as the executor allows
 * ({@code LLM_MAX_CONCURRENCY}, or the provider's own limit). A document the provider fails on is counted and scores 0.
 */
@ApplicationScoped
public class Evaluation {

    private static final Logger LOG = Logger.getLogger(Evaluation.class);
    /** OrangeSum is French, and so are its reference abstracts. */
    private static final Language SUMMARY_LANGUAGE = Language.FR;

    private final ArticleService articles;
    private final ArticleNormalizer normalizer;
    private final LlmProvider provider;
    private final LlmExecutor executor;
    private final LlmConfig config;
    private final LocalModel local;

    public Evaluation(ArticleService articles, ArticleNormalizer normalizer, LlmProvider provider,
            LlmExecutor executor, LlmConfig config, LocalModel local) {
        this.articles = articles;
        this.normalizer = normalizer;
        this.provider = provider;
        this.executor = executor;
        this.config = config;
        this.local = local;
    }

    /**
     * Runs the evaluation on the documents the options select.
     *
     * @throws ProviderNotReadyException when the local model could not be made ready
     */
    public EvaluationReport run(Benchmark benchmark, EvaluationOptions options) {
        awaitLocalModel();
        List<Integer> documents = benchmark.sample(options.limit(), options.seed());
        List<String> references = pick(benchmark.references(), documents);
        List<String> sources = pick(benchmark.sources(), documents);
        SummaryLength length = options.length();

        Map<String, Integer> failures = new TreeMap<>();
        long start = System.nanoTime();
        List<String> summaries = summarize(sources, length, failures);
        double seconds = (System.nanoTime() - start) / 1e9;

        List<SystemResult> rows = new ArrayList<>();
        rows.add(SystemResult.score("Provider: " + provider.model().provider() + " " + provider.model().name(),
                references, summaries, length, OptionalDouble.of(sources.size() / seconds)));
        benchmark.systems().forEach((name, outputs) -> rows.add(SystemResult.score(name, references,
                pick(outputs, documents), length, OptionalDouble.empty())));
        for (int sentences = 1; sentences <= 2; sentences++) {
            int k = sentences;
            rows.add(SystemResult.score("LEAD-" + k, references,
                    sources.stream().map(s -> lead(normalizer.normalize(s), k)).toList(), length,
                    OptionalDouble.empty()));
        }
        double referenceWords = references.stream().mapToInt(SystemResult::wordCount).average().orElse(0);
        double referenceLength = references.stream().filter(length::respectedBy).count()
                / (double) references.size();
        return new EvaluationReport(documents.size(), benchmark.size(), options.seed(), length,
                executor.concurrency(), rows, referenceWords, referenceLength, failures);
    }

    /**
     * The local model loads in the background after start-up, as in the service; scoring before it is ready would
     * count every document as a failure.
     */
    private void awaitLocalModel() {
        if (config.provider() != ProviderKind.LOCAL) {
            return;
        }
        LOG.infof("Waiting for the local model %s", local.name());
        if (local.settled().join().phase() != LocalModel.Phase.READY) {
            throw new ProviderNotReadyException(local.unavailableReason());
        }
    }

    /** The provider's summaries, aligned with the sources; null where it failed, the reason counted. */
    private List<String> summarize(List<String> sources, SummaryLength length, Map<String, Integer> failures) {
        String[] summaries = new String[sources.size()];
        Semaphore slots = new Semaphore(executor.concurrency());
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, sources.size() / 10);
        List<CompletableFuture<?>> calls = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            int index = i;
            slots.acquireUninterruptibly();
            calls.add(call(sources.get(i), length).whenComplete((summary, failure) -> {
                slots.release();
                if (failure == null) {
                    summaries[index] = summary;
                } else {
                    String reason = reason(failure);
                    synchronized (failures) {
                        failures.merge(reason, 1, Integer::sum);
                    }
                    LOG.debugf(failure, "Document %d: %s", index, reason);
                }
                int finished = done.incrementAndGet();
                if (finished % step == 0) {
                    LOG.infof("Evaluated %d of %d documents", finished, sources.size());
                }
            }));
        }
        // Each call's outcome is in the array or the failure counts; allOf only waits for the last one.
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> null).join();
        return Arrays.asList(summaries);
    }

    private CompletableFuture<String> call(String source, SummaryLength length) {
        try {
            PreparedArticle article = articles.prepare(source, null);
            SummaryTask task = new SummaryTask(article.article(), null, article.language(), SUMMARY_LANGUAGE,
                    length);
            provider.checkSummary(task);
            return executor.submit(deadline -> provider.summarize(task, deadline).text());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof ProblemException problem ? problem.type().slug() : cause.getClass().getSimpleName();
    }

    /** The LEAD-k baseline: the first {@code k} sentences of a normalized article, by the service's splitter. */
    public static String lead(Article article, int k) {
        return article.paragraphs().stream()
                .flatMap(paragraph -> Sentences.split(paragraph).stream())
                .limit(k)
                .reduce((a, b) -> a + " " + b)
                .orElse("");
    }

    private static List<String> pick(List<String> lines, List<Integer> documents) {
        return documents.stream().map(lines::get).toList();
    }
}
