package io.precis.digest;

import io.precis.article.Language;
import io.precis.article.ArticleService;
import io.precis.article.PreparedArticle;
import io.precis.cache.CacheKey;
import io.precis.cache.ResultStore;
import io.precis.cache.SingleFlight;
import io.precis.cache.StoredResult;
import io.precis.cache.Task;
import io.precis.llm.Generation;
import io.precis.llm.LlmExecutor;
import io.precis.llm.LlmProvider;
import io.precis.llm.SummaryLength;
import io.precis.llm.SummaryTask;
import io.precis.llm.TranslationTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

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
    private final SingleFlight<CacheKey, Computed> flights = new SingleFlight<>();

    public DigestService(ArticleService articles, ResultStore store, LlmProvider provider, LlmExecutor executor) {
        this.articles = articles;
        this.store = store;
        this.provider = provider;
        this.executor = executor;
    }

    /** A summary and, when asked, a translation of an article. */
    public CompletableFuture<Digest> digest(DigestCommand command) {
        PreparedArticle article = articles.prepare(command.text());
        CompletableFuture<Part> summary = summary(article, command.title(), command.summaryLanguage(),
                command.summaryLength());
        CompletableFuture<Part> translation = command.translate()
                ? translation(article, command.title(), command.targetLanguage())
                : CompletableFuture.completedFuture(null);
        return summary.thenCombine(translation, (s, t) -> digestOf(article, s, t));
    }

    /** A summary of an article. */
    public CompletableFuture<Digest> summarize(String text, String title, Language language, SummaryLength length) {
        PreparedArticle article = articles.prepare(text);
        return summary(article, title, language, length).thenApply(s -> digestOf(article, s, null));
    }

    /** A full translation of an article. */
    public CompletableFuture<Digest> translate(String text, String title, Language target) {
        PreparedArticle article = articles.prepare(text);
        return translation(article, title, target).thenApply(t -> digestOf(article, null, t));
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

    private CompletableFuture<Part> summary(PreparedArticle article, String title, Language language,
            SummaryLength length) {
        CacheKey key = summaryKey(article.hash(), language, length);
        return part(key, article, () -> provider.summarize(new SummaryTask(article.article(), title,
                article.language(), language, length)))
                .thenApply(c -> part(c.result(), language, length, c.origin()));
    }

    private CompletableFuture<Part> translation(PreparedArticle article, String title, Language target) {
        if (target == article.language()) {
            // Already in the target language: the article is its own translation, at no cost.
            return CompletableFuture.completedFuture(new Part(target, null, article.article().text(), Origin.ARTICLE,
                    Instant.now(), null));
        }
        CacheKey key = translationKey(article.hash(), target);
        return part(key, article, () -> provider.translate(new TranslationTask(article.article(), title,
                article.language(), target)))
                .thenApply(c -> part(c.result(), target, null, c.origin()));
    }

    /** Serves a part from the cache, or joins or starts the one computation of it. */
    private CompletableFuture<Computed> part(CacheKey key, PreparedArticle article, Supplier<Generation> compute) {
        Optional<StoredResult> hit = store.get(key);
        if (hit.isPresent()) {
            return CompletableFuture.completedFuture(new Computed(hit.get(), Origin.CACHE));
        }
        return flights.run(key, () -> {
            // A flight for this key may have landed between the miss above and this one starting.
            Optional<StoredResult> landed = store.get(key);
            if (landed.isPresent()) {
                return CompletableFuture.completedFuture(new Computed(landed.get(), Origin.CACHE));
            }
            return executor.submit(() -> {
                Generation generation = compute.get();
                StoredResult result = new StoredResult(key, generation.text(), article.language().code(),
                        generation.usage(), Instant.now());
                store.put(result);
                return new Computed(result, Origin.MODEL);
            });
        }).result();
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
