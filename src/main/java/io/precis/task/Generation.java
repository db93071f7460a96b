package io.precis.task;

/**
 * A text as it was written for a task, with what it cost.
 *
 * @param text        the cleaned, checked text
 * @param usage       the tokens the provider reported, or null
 * @param modelCalled whether the model was called for it, rather than the text assembled from stored pieces (the
 *                    chunks of a long article)
 */
public record Generation(String text, TokenUsage usage, boolean modelCalled) {

    /** A text the model wrote just now. */
    public static Generation written(String text, TokenUsage usage) {
        return new Generation(text, usage, true);
    }
}
