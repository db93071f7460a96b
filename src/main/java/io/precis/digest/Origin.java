package io.precis.digest;

/** Where the text of a result came from on this request. */
public enum Origin {
    /** Written by the model for this request (or for a concurrent identical one it joined). */
    MODEL,
    /** Served from the cache: no model call. */
    CACHE,
    /** The article itself: a "translation" into the article's own language. */
    ARTICLE,
    /** The extractive fallback, written because the model was unavailable; never cached. */
    DEGRADED
}
