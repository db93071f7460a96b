package io.precis.cache;

import java.util.Optional;

/** Where computed results are kept, per {@link CacheKey}. */
public interface ResultStore {

    /** The result stored under a key, if any. */
    Optional<StoredResult> get(CacheKey key);

    /** Stores a result under its own key. */
    void put(StoredResult result);

    /** Forgets every result. */
    void clear();
}
