package io.precis.task;

import java.util.List;

/**
 * A text as it was written for a task, with what it cost and what the output checks found wrong in it.
 *
 * @param text        the cleaned, checked text
 * @param usage       the tokens the provider reported, or null
 * @param modelCalled whether the model was called for it, rather than the text assembled from stored pieces (the
 *                    chunks of a long article)
 * @param warnings    the defects the output checks found and a corrective turn did not remove; empty when none
 */
public record Generation(String text, TokenUsage usage, boolean modelCalled, List<Warning> warnings) {

    public Generation {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A text the model wrote just now, which passed every check. */
    public static Generation written(String text, TokenUsage usage) {
        return new Generation(text, usage, true, List.of());
    }

    /** A text the model wrote just now, served with what the checks found in it. */
    public static Generation written(String text, TokenUsage usage, List<Warning> warnings) {
        return new Generation(text, usage, true, warnings);
    }
}
