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

    /** Version of the stored value format, part of every external key: a format change starts a fresh keyspace. */
    public static final int SCHEMA_VERSION = 1;

    /** The key as one string, as external stores (Redis) use it. */
    public String asString() {
        return "precis:v" + SCHEMA_VERSION + ":" + articleHash + ":" + task.id() + ":" + language + ":" + length + ":"
                + provider + ":" + model + ":" + promptVersion;
    }
}
