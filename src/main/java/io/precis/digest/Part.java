package io.precis.digest;

import io.precis.article.Language;
import io.precis.cache.Result;
import io.precis.cache.ResultCache;
import io.precis.task.SummaryLength;
import io.precis.task.SummaryTask;
import io.precis.task.Task;
import io.precis.task.TokenUsage;
import io.precis.task.Warning;
import java.time.Instant;
import java.util.List;

/**
 * A summary or a translation, as served for one request.
 *
 * @param language  the language it is written in
 * @param length    the summary length; null for a translation
 * @param text      the text
 * @param origin    where it came from on this request
 * @param createdAt when it was written
 * @param usage     tokens it cost when it was written, or null
 * @param degradedReason why the model did not write it, for a stand-in ({@link Origin#DEGRADED}); otherwise null
 * @param warnings  what the output checks found in it; empty when nothing
 */
public record Part(Language language, SummaryLength length, String text, Origin origin, Instant createdAt,
        TokenUsage usage, String degradedReason, List<Warning> warnings) {

    public Part {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The same part with its text in another form (an HTML fragment's translation put back into its tree). */
    Part withText(String other) {
        return new Part(language, length, other, origin, createdAt, usage, degradedReason, warnings);
    }

    /** The part a task's result makes, as the request got it: written now, or from the cache. */
    static Part of(Task task, ResultCache.Served served) {
        return of(task, served.result(), served.written() ? Origin.MODEL : Origin.CACHE);
    }

    /** The part a task's stored result makes. */
    static Part of(Task task, Result result, Origin origin) {
        SummaryLength length = task instanceof SummaryTask summary ? summary.length() : null;
        return new Part(task.language(), length, result.text(), origin, result.createdAt(), result.usage(), null,
                result.warnings());
    }
}
