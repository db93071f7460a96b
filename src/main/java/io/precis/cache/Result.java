package io.precis.cache;

import io.precis.task.TaskKey;
import io.precis.task.TokenUsage;
import java.time.Instant;

/**
 * A stored result: the key of the task it answers, the text, and what is reported with it.
 *
 * @param key       the key of the task it answers
 * @param text      the summary or translation
 * @param usage     tokens the provider reported when it was written, or null
 * @param createdAt when the model wrote it
 */
public record Result(TaskKey key, String text, TokenUsage usage, Instant createdAt) {

    /** Rough heap footprint in bytes, used to bound the in-process cache by memory rather than by entry count. */
    int weight() {
        return 256 + 2 * (text.length() + key.value().length());
    }
}
