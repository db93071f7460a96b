package io.precis.digest;

import io.precis.article.Language;
import io.precis.article.PageMetadata;
import io.precis.llm.ModelRef;
import io.precis.task.TokenUsage;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the service holds for an article: a summary and/or a translation, and what wrote them.
 *
 * @param articleHash    the article's hash
 * @param sourceLanguage the article's language
 * @param summary        the summary, or null
 * @param translation    the translation, or null
 * @param model          the provider and model in use
 * @param promptVersion  the prompt version in use
 * @param page           what the page said about the article, when it was sent as a page; otherwise null
 */
public record Digest(String articleHash, Language sourceLanguage, Part summary, Part translation, ModelRef model,
        String promptVersion, PageMetadata page) {

    /**
     * Whether the request was answered without calling the model: at least one part came from the cache and none
     * was written now.
     */
    public boolean cached() {
        return parts().anyMatch(p -> p.origin() == Origin.CACHE) && parts().noneMatch(p -> p.origin() == Origin.MODEL);
    }

    /**
     * Whether every part came from the cache: an answer that repeats as it is. A part that is the article itself, or
     * the stand-in's, is written anew each time.
     */
    public boolean wholeFromCache() {
        return parts().allMatch(p -> p.origin() == Origin.CACHE);
    }

    /** How many parts it has: a summary, a translation, or both. */
    public int partCount() {
        return (int) parts().count();
    }

    /** How many parts came from the cache. */
    public int cachedParts() {
        return (int) parts().filter(p -> p.origin() == Origin.CACHE).count();
    }

    /** Whether a part is the extractive stand-in for a model that was unavailable. */
    public boolean degraded() {
        return parts().anyMatch(p -> p.origin() == Origin.DEGRADED);
    }

    /** Why the model did not write a part the stand-in wrote; null when the model wrote them all. */
    public String degradedReason() {
        return parts().map(Part::degradedReason).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** When the latest of the parts was written. */
    public Instant createdAt() {
        return parts().map(Part::createdAt).max(Instant::compareTo).orElseThrow();
    }

    /** Tokens the parts cost when they were written, or null when the provider reported none. */
    public TokenUsage usage() {
        return parts().map(Part::usage).reduce(null, TokenUsage::sum);
    }

    private Stream<Part> parts() {
        return Stream.of(summary, translation).filter(Objects::nonNull);
    }
}
