package io.precis.cache;

/** Where results are kept. */
public enum CacheBackend {
    /** In this process only. */
    MEMORY,
    /** In Redis, shared by every replica, with the in-process cache in front. */
    REDIS
}
