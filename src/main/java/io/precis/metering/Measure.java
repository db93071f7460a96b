package io.precis.metering;

/** What the service counts of each caller's use, by day. */
public enum Measure {
    /** API requests admitted (past the key check and the request limit). */
    REQUESTS("requests"),
    /** Articles sent: one per digest, summary or translation request, one per batch item. */
    ARTICLES("articles"),
    /** Characters of those articles, after cleaning. */
    CHARACTERS("characters"),
    /** Prompt tokens of the model calls made for the caller, as the provider reported them. */
    TOKENS_IN("tokensIn"),
    /** Tokens the model wrote for the caller. */
    TOKENS_OUT("tokensOut"),
    /** Parts (summaries, translations) answered from the cache, without a model call. */
    CACHE_HITS("cacheHits");

    private final String field;

    Measure(String field) {
        this.field = field;
    }

    /** Its name in the usage document and in Redis. */
    public String field() {
        return field;
    }
}
