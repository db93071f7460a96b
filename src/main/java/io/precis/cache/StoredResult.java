package io.precis.cache;

import io.precis.llm.TokenUsage;
import java.time.Instant;

/**
 * A result as stored: the key it belongs under, the text, and what is reported with it.
 *
 * @param key            the key it was stored under
 * @param text           the summary or translation
 * @param sourceLanguage the article's language (ISO 639-1)
 * @param usage          tokens the provider reported, or null
 * @param createdAt      when the model wrote it
 */
public record StoredResult(CacheKey key, String text, String sourceLanguage, TokenUsage usage, Instant createdAt) {

    /** Rough heap footprint in bytes, used to bound the in-process cache by memory rather than by entry count. */
    public int weight() {
        return 256 + 2 * (text.length() + key.articleHash().length() + key.model().length());
    }
}
