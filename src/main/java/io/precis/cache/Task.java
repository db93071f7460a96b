package io.precis.cache;

/** The kinds of result stored per article. */
public enum Task {
    SUMMARY,
    TRANSLATION;

    /** The name used in cache keys. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
