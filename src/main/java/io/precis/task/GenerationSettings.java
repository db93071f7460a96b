package io.precis.task;

/**
 * The settings a model generates with that can change what it writes. Zero where a setting does not apply.
 *
 * @param temperature     the sampling temperature
 * @param maxOutputTokens tokens the model may write in one answer
 * @param maxInputTokens  tokens of prompt the model accepts: a longer article is written in chunks
 * @param contextTokens   the model's context, prompt and answer together, when the service sets it
 * @param chunkTokens     the size a long article is split into
 */
public record GenerationSettings(double temperature, int maxOutputTokens, int maxInputTokens, int contextTokens,
        int chunkTokens) {

    /** For a writer that is not a language model: nothing to set. */
    public static final GenerationSettings NONE = new GenerationSettings(0, 0, 0, 0, 0);
}
