package io.precis.cache;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where computed results are kept, per {@link CacheKey}. */
public interface ResultStore {

    /** The result stored under a key, if any. */
    Optional<StoredResult> get(CacheKey key);

    /**
     * Stores a result under its own key.
     *
     * @return completes when every tier has it (or a tier gave up); it never fails
     */
    CompletableFuture<Void> put(StoredResult result);

    /** Forgets every result. */
    void clear();
}
