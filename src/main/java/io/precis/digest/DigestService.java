package io.precis.digest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.precis.article.ArticleService;
import io.precis.article.Language;
import io.precis.article.PreparedArticle;
import io.precis.article.Submission;
import io.precis.cache.CacheKey;
import io.precis.cache.SingleFlight;
import io.precis.cache.StoredResult;
import io.precis.cache.Task;
import io.precis.llm.Deadline;
import io.precis.llm.Generation;
import io.precis.llm.LlmConfig;
import io.precis.llm.LlmProvider;
import io.precis.llm.SummaryLength;
import io.precis.llm.SummaryTask;
import io.precis.llm.TextSink;
import io.precis.llm.TranslationTask;
import io.precis.llm.extractive.ExtractiveProvider;
import io.precis.problem.ProblemException;
import io.precis.problem.ProblemType;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Produces digests: each part (summary, translation) is served from the cache when it is there, otherwise computed
 * once ({@link Parts}), for articles of any length ({@link LongArticles}), and stored only when it succeeded. The
 * parts of one digest are computed concurrently.
 */
@ApplicationScoped
public class DigestService {

    private final ArticleService articles;
    private final Parts parts;
    private final LongArticles writer;
    private final LlmProvider provider;
    private final LlmConfig config;
    private final ExtractiveProvider fallback = new ExtractiveProvider();
    private final Counter degraded;
    /** Quarkus's worker pool, where everything that may block runs. */
    private final ExecutorService worker;

    public DigestService(ArticleService articles, Parts parts, LongArticles writer, LlmProvider provider,
            LlmConfig config, MeterRegistry registry, ExecutorService worker) {
        this.articles = articles;
        this.worker = worker;
        this.parts = parts;
        this.writer = writer;
        this.provider = provider;
        this.config = config;
        this.degraded = Counter.builder("precis.responses.degraded")
                .description("Summaries served by the extractive fallback because the model was unavailable")
                .register(registry);
    }

    /**
     * A summary and, when asked, a translation of an article. A digest this process holds whole is answered on the
     * calling thread, which may be an event loop; anything else moves to a worker thread. Both parts are checked
     * before either starts, so a request that cannot be served costs no model call; then they run concurrently, and
     * the first failure is answered at once while the other part finishes and is stored for the next request.
     */
    public CompletableFuture<Digest> digest(DigestCommand command) {
        return answer(command.submission(), command.summaryLanguage(), command.summaryLength(),
                command.translate() ? command.targetLanguage() : null, article -> compute(article, command));
    }

    private CompletableFuture<Digest> compute(PreparedArticle article, DigestCommand command) {
        SummaryTask summaryTask = summaryTask(article, command.summaryLanguage(), command.summaryLength());
        TranslationTask translationTask = command.translate() && command.targetLanguage() != article.language()
                ? translationTask(article, command.targetLanguage()) : null;
        check(summaryTask);
        check(translationTask);
        CompletableFuture<Part> summary = summary(article, summaryTask);
        CompletableFuture<Part> translation = command.translate()
                ? translation(article, command.targetLanguage(), translationTask)
                : CompletableFuture.completedFuture(null);
        return bothOrFirstFailure(summary, translation).thenApply(both -> digestOf(article, both[0], both[1]));
    }

    /** A summary of an article; answered like {@link #digest}. */
    public CompletableFuture<Digest> summarize(Submission submission, Language language, SummaryLength length) {
        return answer(submission, language, length, null, article -> {
            SummaryTask task = summaryTask(article, language, length);
            check(task);
            return summary(article, task).thenApply(s -> digestOf(article, s, null));
        });
    }

    /** A full translation of an article; answered like {@link #digest}. */
    public CompletableFuture<Digest> translate(Submission submission, Language target) {
        return answer(submission, null, null, target, article -> translate(plan(article, target), null).result());
    }

    /**
     * Prepares the article, then answers from memory when this process holds every part asked for, and otherwise
     * has {@code compute} work it out on a worker thread.
     *
     * @param summaryLanguage the summary's language, or null when no summary is asked for
     * @param target          the translation's language, or null when no translation is asked for
     */
    private CompletableFuture<Digest> answer(Submission submission, Language summaryLanguage, SummaryLength length,
            Language target, Function<PreparedArticle, CompletableFuture<Digest>> compute) {
        return articles.prepare(submission, worker).thenCompose(article ->
                inMemory(article, summaryLanguage, length, target)
                        .map(CompletableFuture::completedFuture)
                        .orElseGet(() -> onWorker(() -> compute.apply(article))));
    }

    /** The digest when this process holds every part asked for, without asking Redis or the model. */
    private Optional<Digest> inMemory(PreparedArticle article, Language summaryLanguage, SummaryLength length,
            Language target) {
        boolean storedTranslation = target != null && target != article.language();
        List<CacheKey> keys = new ArrayList<>(2);
        if (summaryLanguage != null) {
            keys.add(parts.summaryKey(article.hash(), summaryLanguage, length));
        }
        if (storedTranslation) {
            keys.add(parts.translationKey(article.hash(), target));
        }
        return parts.inMemory(keys).map(found -> {
            Part summary = summaryLanguage == null ? null
                    : part(found.get(0), summaryLanguage, length, Origin.CACHE);
            Part translation = target == null ? null
                    : storedTranslation ? part(found.get(found.size() - 1), target, null, Origin.CACHE)
                    : articleAsTranslation(article);
            return digestOf(article, summary, translation);
        });
    }

    /**
     * Runs {@code work} on a worker thread, or here when this already is one: it may block on Redis, and checking an
     * article against the model's limits counts its tokens.
     */
    private CompletableFuture<Digest> onWorker(Supplier<CompletableFuture<Digest>> work) {
        if (BlockingOperationControl.isBlockingAllowed()) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.supplyAsync(work, worker).thenCompose(Function.identity());
    }

    /**
     * Checks a translation request before anything is computed: the article, and what the model can do with it.
     *
     * @throws io.precis.problem.ProblemException the problem that stops it
     */
    public TranslationPlan prepareTranslation(Submission submission, Language target) {
        return plan(articles.prepare(submission), target);
    }

    private TranslationPlan plan(PreparedArticle article, Language target) {
        TranslationTask task = target != article.language() ? translationTask(article, target) : null;
        check(task);
        return new TranslationPlan(article, target, task);
    }

    /**
     * Translates, passing the text to {@code listener} as the model writes it, when the translation is computed now
     * through the model's streaming API. The caller may stop waiting ({@link Watched#leave()}): the model call is
     * then cancelled unless another request waits for the same translation.
     *
     * @param listener receives the text as it is written, or null
     */
    public Watched translate(TranslationPlan plan, TextSink listener) {
        PreparedArticle article = plan.article();
        if (plan.task() == null) {
            return new Watched(translation(article, plan.target(), null).thenApply(t -> digestOf(article, null, t)),
                    () -> { });
        }
        SingleFlight.Flight<Parts.Computed> flight = parts.watch(parts.translationKey(article.hash(), plan.target()),
                article.language(), listener, job -> writer.translate(plan.task(), job));
        return new Watched(flight.result().thenApply(c -> digestOf(article, null,
                part(c.result(), plan.target(), null, c.origin()))), flight.leave());
    }

    /** What is stored for an article hash under the current model and prompts, if anything. */
    public Optional<Digest> stored(String articleHash, Language summaryLanguage, Language targetLanguage,
            SummaryLength length) {
        Optional<StoredResult> summary = parts.stored(parts.summaryKey(articleHash, summaryLanguage, length));
        Optional<StoredResult> translation = parts.stored(parts.translationKey(articleHash, targetLanguage));
        Optional<StoredResult> any = summary.or(() -> translation);
        if (any.isEmpty()) {
            return Optional.empty();
        }
        Language source = Language.fromCode(any.get().sourceLanguage()).orElseThrow();
        return Optional.of(new Digest(articleHash, source,
                summary.map(r -> part(r, summaryLanguage, length, Origin.CACHE)).orElse(null),
                translation.map(r -> part(r, targetLanguage, null, Origin.CACHE)).orElse(null),
                provider.model(), provider.promptVersion(), null));
    }

    /**
     * Refuses, before any call, what the provider cannot do with an article that one call can take. A longer article
     * is split, and each chunk is checked as it is written.
     */
    private void check(SummaryTask task) {
        if (writer.fits(task.article(), Task.SUMMARY)) {
            provider.checkSummary(task);
        }
    }

    private void check(TranslationTask task) {
        if (task != null && writer.fits(task.article(), Task.TRANSLATION)) {
            provider.checkTranslation(task);
        }
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
        CompletableFuture<Part> summary = parts.get(parts.summaryKey(article.hash(), task.language(), task.length()),
                        article.language(), job -> writer.summarize(task))
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
            return CompletableFuture.completedFuture(articleAsTranslation(article));
        }
        return parts.get(parts.translationKey(article.hash(), target), article.language(),
                        job -> writer.translate(task, job))
                .thenApply(c -> part(c.result(), target, null, c.origin()));
    }

    /** Already in the target language: the article is its own translation, at no cost. */
    private static Part articleAsTranslation(PreparedArticle article) {
        return new Part(article.language(), null, article.article().text(), Origin.ARTICLE, Instant.now(), null);
    }

    /**
     * A translation request that passed its checks.
     *
     * @param article the prepared article
     * @param target  the language to translate into
     * @param task    the model's task, or null when the article is already in the target language
     */
    public record TranslationPlan(PreparedArticle article, Language target, TranslationTask task) {
    }

    /**
     * A result being computed, and how to stop waiting for it.
     *
     * @param result the digest, when done
     * @param leave  stops waiting; idempotent
     */
    public record Watched(CompletableFuture<Digest> result, Runnable leave) {
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

    private Digest digestOf(PreparedArticle article, Part summary, Part translation) {
        return new Digest(article.hash(), article.language(), summary, translation, provider.model(),
                provider.promptVersion(), article.page());
    }

    private static Part part(StoredResult result, Language language, SummaryLength length, Origin origin) {
        return new Part(language, length, result.text(), origin, result.createdAt(), result.usage());
    }
}
