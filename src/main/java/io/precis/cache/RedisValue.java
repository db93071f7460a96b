package io.precis.cache;

import io.precis.task.TaskKey;
import io.precis.task.TokenUsage;
import io.precis.task.Warning;
import java.time.Instant;
import java.util.List;

/**
 * A result as written to Redis. It carries its own key and schema version, checked on read, so that a value is never
 * served for another task or in another format.
 *
 * @param schema    {@link RedisTier#SCHEMA_VERSION} when written
 * @param key       the {@link TaskKey#value()} it was written under
 * @param text      the summary or translation
 * @param usage     tokens it cost, or null
 * @param createdAt when it was written
 * @param warnings  what the output checks found in it; absent from values written before the checks, which had none
 */
record RedisValue(int schema, String key, String text, TokenUsage usage, Instant createdAt, List<Warning> warnings) {

    static RedisValue of(Result result) {
        return new RedisValue(RedisTier.SCHEMA_VERSION, result.key().value(), result.text(), result.usage(),
                result.createdAt(), result.warnings());
    }

    /** Whether this value may be served for a key. */
    boolean belongsTo(TaskKey expected) {
        return schema == RedisTier.SCHEMA_VERSION && expected.value().equals(key) && text != null
                && createdAt != null;
    }

    Result toResult(TaskKey key) {
        return new Result(key, text, usage, createdAt, warnings);
    }
}
