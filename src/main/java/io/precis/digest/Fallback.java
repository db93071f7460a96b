package io.precis.digest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.precis.article.Language;
import io.precis.article.PreparedArticle;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.llm.Capabilities;
import io.precis.llm.LlmConfig;
import io.precis.llm.ProviderKind;
import io.precis.llm.extractive.ExtractiveProvider;
import io.precis.task.Generation;
import io.precis.task.SummaryLength;
import io.precis.task.SummaryTask;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The extractive summarizer standing in for a language model that is unavailable (down, timed out, overloaded,
 * circuit open, still loading), for summaries in the article's own language: marked degraded, counted, and never
 * cached, so the next request asks the model again.
 */
@ApplicationScoped
class Fallback {

    private final ExtractiveProvider extractive;
    private final LlmConfig config;
    private final Counter degraded;

    Fallback(ExtractiveProvider extractive, LlmConfig config, MeterRegistry registry) {
        this.extractive = extractive;
        this.config = config;
        this.degraded = Counter.builder("precis.responses.degraded")
                .description("Summaries served by the extractive fallback because the model was unavailable")
                .register(registry);
    }

    /** Whether a summary in this language can stand in for the model's: the extractive one would not be a stand-in. */
    boolean covers(PreparedArticle article, Language language) {
        return config.fallbackExtractive() && language == article.language()
                && config.provider() != ProviderKind.EXTRACTIVE;
    }

    /** The summary, or the stand-in when it failed because the model is unavailable and the stand-in covers it. */
    CompletableFuture<Part> orStandIn(CompletableFuture<Part> summary, PreparedArticle article, Language language,
            SummaryLength length) {
        if (!covers(article, language)) {
            return summary;
        }
        return summary.exceptionallyCompose(failure -> isUnavailable(failure)
                ? CompletableFuture.completedFuture(standIn(article, language, length, unwrap(failure)))
                : CompletableFuture.failedFuture(failure));
    }

    /** What writes the stand-in summaries. */
    Capabilities writer() {
        return extractive.capabilities();
    }

    /**
     * The extractive summary, marked degraded with the reason the model did not write it.
     *
     * @param why the model's failure; its detail is written for clients
     */
    Part standIn(PreparedArticle article, Language language, SummaryLength length, Throwable why) {
        degraded.increment();
        SummaryTask task = new SummaryTask(article.article(), article.title(), article.language(), language, length,
                extractive.author());
        Generation text = extractive.summary(task);
        String reason = why instanceof ServiceException known ? known.detail()
                : "The language model is unavailable.";
        return new Part(language, length, text.text(), Origin.DEGRADED, Instant.now(), null, reason,
                List.of());
    }

    /** Whether a failure means the model is unavailable, rather than that the request cannot be served. */
    static boolean isUnavailable(Throwable failure) {
        return unwrap(failure) instanceof ServiceException known && (known.failure() == Failure.MODEL_UNAVAILABLE
                || known.failure() == Failure.MODEL_TIMEOUT || known.failure() == Failure.OVERLOADED);
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
