package io.precis.cache;

/**
 * Identifies one stored result. Everything that changes the text is in the key, so a new model or a new prompt never
 * serves an old answer, and summaries and translations are stored apart, so asking for another summary language
 * reuses a stored translation.
 *
 * @param articleHash   the article's hash
 * @param task          summary or translation
 * @param language      the summary language or translation target (ISO 639-1)
 * @param length        the summary length, or {@code "-"} for a translation
 * @param provider      the provider kind
 * @param model         the model name
 * @param promptVersion the version of the prompts in use
 */
public record CacheKey(String articleHash, Task task, String language, String length, String provider, String model,
        String promptVersion) {
}
