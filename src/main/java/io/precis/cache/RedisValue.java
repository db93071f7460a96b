package io.precis.cache;

import io.precis.llm.TokenUsage;
import java.time.Instant;

/**
 * A result as written to Redis. It carries its own key and schema version, checked on read, so that a value is never
 * served for another key or in another format.
 *
 * @param schema         {@link CacheKey#SCHEMA_VERSION} when written
 * @param key            {@link CacheKey#asString()} of the key it was written under
 * @param text           the summary or translation
 * @param sourceLanguage the article's language
 * @param usage          tokens it cost, or null
 * @param createdAt      when it was written
 */
record RedisValue(int schema, String key, String text, String sourceLanguage, TokenUsage usage, Instant createdAt) {

    static RedisValue of(StoredResult result) {
        return new RedisValue(CacheKey.SCHEMA_VERSION, result.key().asString(), result.text(), result.sourceLanguage(),
                result.usage(), result.createdAt());
    }

    /** Whether this value may be served for a key. */
    boolean belongsTo(CacheKey expected) {
        return schema == CacheKey.SCHEMA_VERSION && expected.asString().equals(key) && text != null
                && sourceLanguage != null && createdAt != null;
    }

    StoredResult toResult(CacheKey key) {
        return new StoredResult(key, text, sourceLanguage, usage, createdAt);
    }
}
