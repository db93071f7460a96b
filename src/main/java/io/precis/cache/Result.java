package io.precis.cache;

import io.precis.task.TaskKey;
import io.precis.task.TokenUsage;
import io.precis.task.Warning;
import java.time.Instant;
import java.util.List;

/**
 * A stored result: the key of the task it answers, the text, and what is reported with it.
 *
 * @param key       the key of the task it answers
 * @param text      the summary or translation
 * @param usage     tokens the provider reported when it was written, or null
 * @param createdAt when the model wrote it
 * @param warnings  what the output checks found in it, served with it every time; empty when nothing
 */
public record Result(TaskKey key, String text, TokenUsage usage, Instant createdAt, List<Warning> warnings) {

    public Result {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Rough heap footprint in bytes, used to bound the in-process cache by memory rather than by entry count. */
    int weight() {
        int warningChars = 0;
        for (Warning warning : warnings) {
            warningChars += warning.code().length() + warning.detail().length() + warning.excerpt().length() + 64;
        }
        return 256 + 2 * (text.length() + key.value().length() + warningChars);
    }
}
