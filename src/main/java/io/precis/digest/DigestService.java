package io.precis.digest;

import io.precis.article.Article;
import io.precis.article.ArticleService;
import io.precis.article.Language;
import io.precis.article.PreparedArticle;
import io.precis.article.Submission;
import io.precis.cache.Result;
import io.precis.cache.ResultCache;
import io.precis.cache.SingleFlight;
import io.precis.check.OutputConfig;
import io.precis.glossary.GlossaryChoice;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.metering.Limits;
import io.precis.metering.UsageLedger;
import io.precis.task.Caller;
import io.precis.llm.Capabilities;
import io.precis.llm.LlmProvider;
import io.precis.task.Author;
import io.precis.task.SummaryLength;
import io.precis.task.SummaryTask;
import io.precis.task.Task;
import io.precis.task.TextSink;
import io.precis.task.Tracker;
import io.precis.task.TranslationTask;
import io.precis.task.Warning;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Answers requests for digests, summaries and translations: it prepares the article, makes the tasks the request asks
 * for ({@link Tasks}), answers them from memory when it can, and otherwise has each one served from the cache or
 * written once ({@link ResultCache}, {@link LongArticles}). The parts of a digest are written concurrently. When the
 * model is unavailable, a summary in the article's own language may come from the extractive stand-in
 * ({@link Fallback}).
 */
@ApplicationScoped
public class DigestService {

    private final ArticleService articles;
    private final Tasks tasks;
    private final ResultCache cache;
    private final LongArticles writer;
    private final Fallback fallback;
    private final LlmProvider provider;
    private final WorkerThreads workers;
    private final Limits limits;
    private final UsageLedger usage;
    private final OutputConfig output;

    DigestService(ArticleService articles, Tasks tasks, ResultCache cache, LongArticles writer, Fallback fallback,
            LlmProvider provider, WorkerThreads workers, Limits limits, UsageLedger usage, OutputConfig output) {
        this.output = output;
        this.articles = articles;
        this.tasks = tasks;
        this.cache = cache;
        this.writer = writer;
        this.fallback = fallback;
        this.provider = provider;
        this.workers = workers;
        this.limits = limits;
        this.usage = usage;
    }

    /**
     * A summary and, when asked, a translation of an article. A digest this process holds whole is answered on the
     * calling thread, which may be an event loop; anything else moves to a worker thread. Both parts are checked
     * before either starts, so a request that cannot be served costs no model call; then they run concurrently, and
     * the first failure is answered at once while the other part finishes and is stored for the next request.
     */
    public CompletableFuture<Digest> digest(DigestCommand command) {
        return digest(command, new Tracker());
    }

    /** A digest, answered like {@link #digest(DigestCommand)}, reporting to {@code tracker}. */
    public CompletableFuture<Digest> digest(DigestCommand command, Tracker tracker) {
        return answer(command.caller(), command.submission(), Asked.of(command), tracker, true);
    }

    /** A summary of an article; answered like {@link #digest}. */
    public CompletableFuture<Digest> summarize(Caller caller, Submission submission, Language language,
            SummaryLength length, GlossaryChoice glossary) {
        return answer(caller, submission, Asked.summary(language, length, glossary), new Tracker(), true);
    }

    /** A full translation of an article; answered like {@link #digest}. */
    public CompletableFuture<Digest> translate(Caller caller, Submission submission, Language target,
            GlossaryChoice glossary) {
        return answer(caller, submission, Asked.translation(target, glossary), new Tracker(), true);
    }

    /**
     * Accepts a request that will run later ({@link #run}): refuses now what would fail at once (an article that
     * cannot be read, a task the provider cannot do or take), and counts the article against its caller's limit and
     * usage, once. Blocks: call it on a worker thread. While the model is not ready, only the article is checked: the
     * request waits for the model.
     *
     * @throws ServiceException why it cannot be served
     */
    public void accept(Caller caller, Submission submission, Asked asked) {
        tasks.check(asked.glossary());
        PreparedArticle article = articles.prepare(submission);
        meter(caller, article, limits.characters(caller, article.article().text().length()).join());
        Author author;
        try {
            author = tasks.author();
        } catch (ServiceException notYet) {
            return;
        }
        if (asked.summary()) {
            tasks.check(tasks.summary(article, asked.summaryLanguage(), asked.length(), asked.glossary(), author));
        }
        if (asked.translation()) {
            tasks.translation(article, asked.target(), asked.glossary(), author).ifPresent(tasks::check);
        }
    }

    /**
     * Answers an accepted request ({@link #accept}) like {@link #digest}, without counting the article again,
     * reporting to {@code tracker} and stopping when it is cancelled.
     */
    public CompletableFuture<Digest> run(Caller caller, Submission submission, Asked asked, Tracker tracker) {
        return answer(caller, submission, asked, tracker, false);
    }

    /**
     * Checks a translation request before anything is computed: the article, and what the model can do with it.
     *
     * @throws ServiceException why it cannot be served, or the caller's characters limit is reached
     */
    public TranslationPlan prepareTranslation(Caller caller, Submission submission, Language target,
            GlossaryChoice glossary) {
        tasks.check(glossary);
        PreparedArticle article = articles.prepare(submission);
        // Called on a worker thread (the stream's resource is blocking), so waiting for a shared limit is fine.
        meter(caller, article, limits.characters(caller, article.article().text().length()).join());
        if (article.language() == target) {
            return new TranslationPlan(caller, article, target, null);
        }
        Optional<TranslationTask> task = tasks.translation(article, target, glossary, tasks.author());
        task.ifPresent(tasks::check);
        return new TranslationPlan(caller, article, target, task.orElse(null));
    }

    /**
     * Translates, passing the text to {@code listener} as the model writes it, when the translation is written now
     * through the model's streaming API. The caller may stop waiting ({@link Watched#leave()}): the model call is then
     * cancelled unless another request waits for the same translation.
     *
     * @param listener receives the text as it is written
     */
    public Watched streamTranslation(TranslationPlan plan, TextSink listener) {
        PreparedArticle article = plan.article();
        if (plan.task() == null) {
            return new Watched(CompletableFuture.completedFuture(digestOf(article, null, articleAsTranslation(article))),
                    () -> { });
        }
        SingleFlight.Flight<ResultCache.Served> flight = cache.getOrCompute(plan.task(), listener,
                job -> writer.write(plan.caller(), plan.task(), job, new Tracker()));
        return new Watched(flight.result()
                .thenApply(served -> counted(plan.caller(), digestOf(article, null, Part.of(plan.task(), served)))),
                flight.leave());
    }

    /**
     * What is stored for an article hash under the current model, settings and prompts, if anything, with the title
     * it was written with (null for none). Never calls the model.
     */
    public Optional<Digest> stored(Caller caller, String articleHash, String title, Language summaryLanguage,
            Language target, SummaryLength length, GlossaryChoice glossary) {
        tasks.check(glossary);
        Author author = tasks.author();
        String cleanTitle = articles.cleanTitle(title);
        for (Language source : Language.values()) {
            PreparedArticle article = new PreparedArticle(Article.knownBy(articleHash), cleanTitle, source, null);
            SummaryTask summaryTask = tasks.summary(article, summaryLanguage, length, glossary, author);
            Optional<Part> summary = cache.lookup(summaryTask).map(r -> Part.of(summaryTask, r, Origin.CACHE));
            Optional<Part> translation = tasks.translation(article, target, glossary, author).flatMap(task ->
                    cache.lookup(task).map(r -> Part.of(task, r, Origin.CACHE)));
            if (summary.isPresent() || translation.isPresent()) {
                return Optional.of(counted(caller, digestOf(article, summary.orElse(null), translation.orElse(null))));
            }
        }
        return Optional.empty();
    }

    /**
     * Prepares the article and counts it against the caller's limit, then answers from memory when this process holds
     * every part asked for, and otherwise works it out on a worker thread.
     */
    private CompletableFuture<Digest> answer(Caller caller, Submission submission, Asked asked, Tracker tracker,
            boolean meter) {
        try {
            tasks.check(asked.glossary());
        } catch (ServiceException refused) {
            // A failed answer, not a throw: a batch answers each of its items apart.
            return CompletableFuture.failedFuture(refused);
        }
        return articles.prepare(submission, workers.pool())
                .thenCompose(article -> meter ? metered(caller, article) : CompletableFuture.completedFuture(article))
                .thenCompose(article -> inMemory(article, asked)
                        .map(digest -> {
                            int parts = digest.partCount();
                            tracker.partsPlanned(parts);
                            IntStream.range(0, parts).forEach(part -> tracker.partDone());
                            return CompletableFuture.completedFuture(digest);
                        })
                        .orElseGet(() -> workers.onWorker(() -> compute(caller, article, asked, tracker))))
                .thenApply(digest -> counted(caller, digest));
    }

    /**
     * Counts an article's characters against its caller's limit and usage: every article a caller sends is counted,
     * answered from the cache or not, since a limit that a cached article escaped would be one a caller could not
     * predict.
     */
    private CompletableFuture<PreparedArticle> metered(Caller caller, PreparedArticle article) {
        return limits.characters(caller, article.article().text().length())
                .thenApply(wait -> meter(caller, article, wait));
    }

    /**
     * Refuses an article its caller's limit has no room for, or counts it.
     *
     * @param wait how long the caller should wait, or empty when the limit took the article
     */
    private PreparedArticle meter(Caller caller, PreparedArticle article, Optional<Duration> wait) {
        int characters = article.article().text().length();
        if (wait.isPresent()) {
            throw new ServiceException(Failure.QUOTA_EXCEEDED, "This client sent more characters of article in the"
                    + " last minute than its limit allows (RATE_LIMIT_CHARACTERS_PER_MINUTE); this article has "
                    + characters + ". Retry in " + Math.max(1, wait.get().toSeconds()) + " s.", wait.get());
        }
        usage.article(caller, characters);
        return article;
    }

    /** Counts the parts of a digest that the cache answered in the caller's usage. */
    private Digest counted(Caller caller, Digest digest) {
        usage.cacheHits(caller, digest.cachedParts());
        return digest;
    }

    /** The digest when this process holds every part asked for, without asking Redis or the model. */
    private Optional<Digest> inMemory(PreparedArticle article, Asked asked) {
        if (!asked.needsModel(article)) {
            return Optional.of(digestOf(article, null, articleAsTranslation(article)));
        }
        Author author;
        try {
            author = tasks.author();
        } catch (ServiceException notYet) {
            return Optional.empty();
        }
        Optional<SummaryTask> summaryTask = asked.summary()
                ? Optional.of(tasks.summary(article, asked.summaryLanguage(), asked.length(), asked.glossary(), author))
                : Optional.empty();
        Optional<TranslationTask> translationTask = asked.translation()
                ? tasks.translation(article, asked.target(), asked.glossary(), author) : Optional.empty();
        List<Task> wanted = new ArrayList<>(2);
        summaryTask.ifPresent(wanted::add);
        translationTask.ifPresent(wanted::add);
        return cache.inMemory(wanted).map(found -> {
            Part summary = summaryTask.map(task -> Part.of(task, found.get(0), Origin.CACHE)).orElse(null);
            Part translation = !asked.translation() ? null
                    : translationTask.map(task -> Part.of(task, last(found), Origin.CACHE))
                            .orElseGet(() -> articleAsTranslation(article));
            return digestOf(article, summary, translation);
        });
    }

    private CompletableFuture<Digest> compute(Caller caller, PreparedArticle article, Asked asked, Tracker tracker) {
        Author author;
        try {
            author = tasks.author();
        } catch (ServiceException unavailable) {
            return standInOrFail(article, asked, unavailable);
        }
        Optional<SummaryTask> summaryTask = asked.summary()
                ? Optional.of(tasks.summary(article, asked.summaryLanguage(), asked.length(), asked.glossary(), author))
                : Optional.empty();
        Optional<TranslationTask> translationTask = asked.translation()
                ? tasks.translation(article, asked.target(), asked.glossary(), author) : Optional.empty();
        summaryTask.ifPresent(tasks::check);
        translationTask.ifPresent(tasks::check);
        tracker.partsPlanned((asked.summary() ? 1 : 0) + (asked.translation() ? 1 : 0));
        CompletableFuture<Part> summary = summaryTask
                .map(task -> fallback.orStandIn(write(caller, task, tracker).thenApply(s -> Part.of(task, s)),
                        article, task.language(), task.length()))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
        CompletableFuture<Part> translation = translationTask
                .map(task -> write(caller, task, tracker).thenApply(s -> Part.of(task, s)))
                .orElseGet(() -> CompletableFuture.completedFuture(
                        asked.translation() ? articleAsTranslation(article) : null));
        if (asked.summary()) {
            summary.thenRun(tracker::partDone);
        }
        if (asked.translation()) {
            translation.thenRun(tracker::partDone);
        }
        return Futures.bothOrFirstFailure(summary, translation, (s, t) -> digestOf(article, s, t));
    }

    /**
     * While the model is not known exactly, nothing can be looked up or written: a summary the stand-in covers is
     * answered degraded, as when the model is down; anything else fails as unavailable.
     */
    private CompletableFuture<Digest> standInOrFail(PreparedArticle article, Asked asked, ServiceException unavailable) {
        boolean translationNeeded = asked.translation() && asked.target() != article.language();
        if (!translationNeeded && fallback.covers(article, asked.summaryLanguage())) {
            Part summary = fallback.standIn(article, asked.summaryLanguage(), asked.length(), unavailable);
            return CompletableFuture.completedFuture(digestOf(article, summary,
                    asked.translation() ? articleAsTranslation(article) : null));
        }
        return CompletableFuture.failedFuture(unavailable);
    }

    /**
     * Serves a task from the cache, or has it written once, in the turn of the caller who asked first. Cancelling the
     * tracker stops waiting for it, which stops the writing when nobody else waits.
     */
    private CompletableFuture<ResultCache.Served> write(Caller caller, Task task, Tracker tracker) {
        SingleFlight.Flight<ResultCache.Served> flight = cache.getOrCompute(task, null,
                job -> writer.write(caller, task, job, tracker));
        tracker.cancellation().onCancel(flight.leave());
        return flight.result();
    }

    /** Already in the target language: the article is its own translation, at no cost. */
    private static Part articleAsTranslation(PreparedArticle article) {
        return new Part(article.language(), null, article.article().text(), Origin.ARTICLE, Instant.now(), null,
                null, List.of());
    }

    /**
     * A digest, named after what wrote it: the extractive stand-in when it wrote the summary, not the model. Every
     * answer passes here, so a part with warnings is refused here under {@code OUTPUT_CHECKS=strict}, written now or
     * stored: its text stays stored, and the next request is refused without another model call.
     *
     * @throws ServiceException a part has warnings, under {@code OUTPUT_CHECKS=strict}
     */
    private Digest digestOf(PreparedArticle article, Part summary, Part translation) {
        if (output.checks() == OutputConfig.Checks.STRICT) {
            refuseWarned(summary, "summary");
            refuseWarned(translation, "translation");
        }
        if (article.fragment() != null && translation != null) {
            // An HTML fragment's translation is stored as marked text and served in the fragment's own tree.
            translation = translation.withText(article.fragment().rebuild(translation.text()));
        }
        Capabilities capabilities = summary != null && summary.origin() == Origin.DEGRADED ? fallback.writer()
                : provider.capabilities();
        return new Digest(article.hash(), article.language(), summary, translation, capabilities.model(),
                capabilities.promptVersion(), article.page());
    }

    private static void refuseWarned(Part part, String name) {
        if (part != null && !part.warnings().isEmpty()) {
            throw new ServiceException(Failure.MODEL_BAD_OUTPUT, "The model's " + name + " failed the output checks"
                    + " (OUTPUT_CHECKS=strict): " + String.join(", ", part.warnings().stream().map(Warning::code)
                            .distinct().toList()) + ". See 'warnings'.").withMember("warnings", part.warnings());
        }
    }

    private static Result last(List<Result> found) {
        return found.get(found.size() - 1);
    }

    /**
     * What a request asks for.
     *
     * @param summaryLanguage the summary's language, or null when no summary is asked for
     * @param length          the summary's length, or null
     * @param target          the translation's language, or null when no translation is asked for
     * @param glossary        the glossary asked for; {@link GlossaryChoice#NONE} for none
     */
    public record Asked(Language summaryLanguage, SummaryLength length, Language target, GlossaryChoice glossary) {

        public Asked {
            glossary = glossary == null ? GlossaryChoice.NONE : glossary;
        }

        /** What a digest command asks for. */
        public static Asked of(DigestCommand command) {
            return new Asked(command.summaryLanguage(), command.summaryLength(),
                    command.translate() ? command.targetLanguage() : null, command.glossary());
        }

        /** A summary only. */
        public static Asked summary(Language language, SummaryLength length, GlossaryChoice glossary) {
            return new Asked(language, length, null, glossary);
        }

        /** A translation only. */
        public static Asked translation(Language target, GlossaryChoice glossary) {
            return new Asked(null, null, target, glossary);
        }

        boolean summary() {
            return summaryLanguage != null;
        }

        boolean translation() {
            return target != null;
        }

        /** Whether anything asked for is written by the model: not a translation into the article's own language. */
        boolean needsModel(PreparedArticle article) {
            return summary() || translation() && target != article.language();
        }
    }

    /**
     * A translation request that passed its checks.
     *
     * @param caller  who asked
     * @param article the prepared article
     * @param target  the language to translate into
     * @param task    the task, or null when the article is already in the target language
     */
    public record TranslationPlan(Caller caller, PreparedArticle article, Language target, TranslationTask task) {
    }

    /**
     * A result being computed, and how to stop waiting for it.
     *
     * @param result the digest, when done
     * @param leave  stops waiting; idempotent
     */
    public record Watched(CompletableFuture<Digest> result, Runnable leave) {
    }
}
