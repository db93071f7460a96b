package io.precis.digest;

import io.precis.article.Language;
import io.precis.article.ArticleService;
import io.precis.article.PreparedArticle;
import io.precis.cache.CacheKey;
import io.precis.cache.ComputeOnce;
import io.precis.cache.ResultStore;
import io.precis.cache.SingleFlight;
import io.precis.cache.StoredResult;
import io.precis.cache.Task;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.precis.llm.Deadline;
import io.precis.llm.Generation;
import io.precis.llm.LlmConfig;
import io.precis.llm.LlmExecutor;
import io.precis.llm.LlmProvider;
import io.precis.llm.SummaryLength;
import io.precis.llm.SummaryTask;
import io.precis.llm.TranslationTask;
import io.precis.llm.extractive.ExtractiveProvider;
import io.precis.problem.ProblemException;
import io.precis.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Produces digests: each part (summary, translation) is served from the cache when it is there, otherwise computed
 * once however many requests ask for it at the same time, and stored only when it succeeded. The parts of one digest
 * are computed concurrently.
 */
@ApplicationScoped
public class DigestService {

    private static final String NO_LENGTH = "-";

    private final ArticleService articles;
    private final ResultStore store;
    private final LlmProvider provider;
    private final LlmExecutor executor;
    private final LlmConfig config;
    private final ExtractiveProvider fallback = new ExtractiveProvider();
    private final ComputeOnce computeOnce;
    private final SingleFlight<CacheKey, Computed> flights = new SingleFlight<>();
    private final Counter joins;
    private final Counter degraded;

    public DigestService(ArticleService articles, ResultStore store, ComputeOnce computeOnce, LlmProvider provider,
            LlmExecutor executor, LlmConfig config, MeterRegistry registry) {
        this.articles = articles;
        this.store = store;
        this.computeOnce = computeOnce;
        this.provider = provider;
        this.executor = executor;
        this.config = config;
        this.joins = Counter.builder("precis.singleflight.joins")
                .description("Requests that joined a computation already under way instead of starting one")
                .register(registry);
        this.degraded = Counter.builder("precis.responses.degraded")
                .description("Summaries served by the extractive fallback because the model was unavailable")
                .register(registry);
    }

    /**
     * A summary and, when asked, a translation of an article. Both parts are checked before either starts, so a
     * request that cannot be served costs no model call; then they run concurrently, and the first failure is
     * answered at once while the other part finishes and is stored for the next request.
     */
    public CompletableFuture<Digest> digest(DigestCommand command) {
        PreparedArticle article = articles.prepare(command.text(), command.title());
        SummaryTask summaryTask = summaryTask(article, command.summaryLanguage(), command.summaryLength());
        TranslationTask translationTask = command.translate() && command.targetLanguage() != article.language()
                ? translationTask(article, command.targetLanguage()) : null;
        provider.checkSummary(summaryTask);
        if (translationTask != null) {
            provider.checkTranslation(translationTask);
        }
        CompletableFuture<Part> summary = summary(article, summaryTask);
        CompletableFuture<Part> translation = command.translate()
                ? translation(article, command.targetLanguage(), translationTask)
                : CompletableFuture.completedFuture(null);
        return bothOrFirstFailure(summary, translation).thenApply(parts -> digestOf(article, parts[0], parts[1]));
    }

    /** A summary of an article. */
    public CompletableFuture<Digest> summarize(String text, String title, Language language, SummaryLength length) {
        PreparedArticle article = articles.prepare(text, title);
        SummaryTask task = summaryTask(article, language, length);
        provider.checkSummary(task);
        return summary(article, task).thenApply(s -> digestOf(article, s, null));
    }

    /** A full translation of an article. */
    public CompletableFuture<Digest> translate(String text, String title, Language target) {
        PreparedArticle article = articles.prepare(text, title);
        TranslationTask task = target != article.language() ? translationTask(article, target) : null;
        if (task != null) {
            provider.checkTranslation(task);
        }
        return translation(article, target, task).thenApply(t -> digestOf(article, null, t));
    }

    /** What is stored for an article hash under the current model and prompts, if anything. */
    public Optional<Digest> stored(String articleHash, Language summaryLanguage, Language targetLanguage,
            SummaryLength length) {
        Optional<StoredResult> summary = store.get(summaryKey(articleHash, summaryLanguage, length));
        Optional<StoredResult> translation = store.get(translationKey(articleHash, targetLanguage));
        Optional<StoredResult> any = summary.or(() -> translation);
        if (any.isEmpty()) {
            return Optional.empty();
        }
        Language source = Language.fromCode(any.get().sourceLanguage()).orElseThrow();
        return Optional.of(new Digest(articleHash, source,
                summary.map(r -> part(r, summaryLanguage, length, Origin.CACHE)).orElse(null),
                translation.map(r -> part(r, targetLanguage, null, Origin.CACHE)).orElse(null),
                provider.model(), provider.promptVersion()));
    }

    private static SummaryTask summaryTask(PreparedArticle article, Language language, SummaryLength length) {
        return new SummaryTask(article.article(), article.title(), article.language(), language, length);
    }

    private static TranslationTask translationTask(PreparedArticle article, Language target) {
        return new TranslationTask(article.article(), article.title(), article.language(), target);
    }

    /**
     * A summary. When the model is unavailable (down, timed out, overloaded, circuit open) and the summary is in the
     * article's own language, the extractive summarizer stands in, marked degraded and never cached.
     */
    private CompletableFuture<Part> summary(PreparedArticle article, SummaryTask task) {
        CacheKey key = summaryKey(article.hash(), task.language(), task.length());
        CompletableFuture<Part> summary = part(key, article, deadline -> provider.summarize(task, deadline))
                .thenApply(c -> part(c.result(), task.language(), task.length(), c.origin()));
        if (!config.fallbackExtractive() || task.language() != task.source()
                || provider.model().provider().equals(fallback.model().provider())) {
            return summary;
        }
        return summary.exceptionallyCompose(failure -> {
            if (!isUnavailable(failure)) {
                return CompletableFuture.failedFuture(failure);
            }
            degraded.increment();
            Generation standIn = fallback.summarize(task, Deadline.in(config.timeout()));
            return CompletableFuture.completedFuture(new Part(task.language(), task.length(), standIn.text(),
                    Origin.DEGRADED, Instant.now(), null));
        });
    }

    private static boolean isUnavailable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof ProblemException problem && (problem.type() == ProblemType.LLM_UNAVAILABLE
                || problem.type() == ProblemType.LLM_TIMEOUT || problem.type() == ProblemType.OVERLOADED);
    }

    /** A translation; {@code task} is null when the article is already in the target language. */
    private CompletableFuture<Part> translation(PreparedArticle article, Language target, TranslationTask task) {
        if (task == null) {
            // Already in the target language: the article is its own translation, at no cost.
            return CompletableFuture.completedFuture(new Part(target, null, article.article().text(), Origin.ARTICLE,
                    Instant.now(), null));
        }
        CacheKey key = translationKey(article.hash(), target);
        return part(key, article, deadline -> provider.translate(task, deadline))
                .thenApply(c -> part(c.result(), target, null, c.origin()));
    }

    /** Completes with both results, or fails as soon as either fails, without waiting for the other. */
    private static CompletableFuture<Part[]> bothOrFirstFailure(CompletableFuture<Part> first,
            CompletableFuture<Part> second) {
        CompletableFuture<Part[]> both = first.thenCombine(second, (a, b) -> new Part[] {a, b});
        first.exceptionally(failure -> {
            both.completeExceptionally(failure);
            return null;
        });
        second.exceptionally(failure -> {
            both.completeExceptionally(failure);
            return null;
        });
        return both;
    }

    /**
     * Serves a part from the cache, or joins or starts the one computation of it: one per key in this process
     * (single flight), and one across replicas when they share Redis ({@link ComputeOnce}).
     */
    private CompletableFuture<Computed> part(CacheKey key, PreparedArticle article,
            Function<Deadline, Generation> compute) {
        Optional<StoredResult> hit = store.get(key);
        if (hit.isPresent()) {
            return CompletableFuture.completedFuture(new Computed(hit.get(), Origin.CACHE));
        }
        SingleFlight.Flight<Computed> flight = flights.run(key, () -> {
            // A flight for this key may have landed between the miss above and this one starting.
            Optional<StoredResult> landed = store.get(key);
            if (landed.isPresent()) {
                return CompletableFuture.completedFuture(new Computed(landed.get(), Origin.CACHE));
            }
            return computeOnce.run(key, () -> executor.submit(deadline -> {
                Generation generation = compute.apply(deadline);
                return new StoredResult(key, generation.text(), article.language().code(), generation.usage(),
                        Instant.now());
            }).thenCompose(result -> store.put(result).thenApply(stored -> result)))
                    .thenApply(outcome -> new Computed(outcome.result(),
                            outcome.computedHere() ? Origin.MODEL : Origin.CACHE));
        });
        if (flight.joined()) {
            joins.increment();
        }
        return flight.result();
    }

    private Digest digestOf(PreparedArticle article, Part summary, Part translation) {
        return new Digest(article.hash(), article.language(), summary, translation, provider.model(),
                provider.promptVersion());
    }

    private static Part part(StoredResult result, Language language, SummaryLength length, Origin origin) {
        return new Part(language, length, result.text(), origin, result.createdAt(), result.usage());
    }

    private CacheKey summaryKey(String hash, Language language, SummaryLength length) {
        return key(hash, Task.SUMMARY, language, length.code());
    }

    private CacheKey translationKey(String hash, Language target) {
        return key(hash, Task.TRANSLATION, target, NO_LENGTH);
    }

    private CacheKey key(String hash, Task task, Language language, String length) {
        return new CacheKey(hash, task, language.code(), length, provider.model().provider(), provider.model().name(),
                provider.promptVersion());
    }

    /** A flight's outcome: the stored result, and whether the model wrote it now. */
    private record Computed(StoredResult result, Origin origin) {
    }
}
