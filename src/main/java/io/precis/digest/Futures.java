package io.precis.digest;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** Combinators over futures that {@link CompletableFuture} lacks. */
final class Futures {

    private Futures() {
    }

    /**
     * Combines two results, or fails as soon as either fails, without waiting for the other: the other goes on to its
     * end, and what it computes is stored for the next request.
     */
    static <A, B, R> CompletableFuture<R> bothOrFirstFailure(CompletableFuture<A> first, CompletableFuture<B> second,
            BiFunction<A, B, R> combine) {
        CompletableFuture<R> both = first.thenCombine(second, combine);
        first.exceptionally(failure -> {
            both.completeExceptionally(failure);
            return null;
        });
        second.exceptionally(failure -> {
            both.completeExceptionally(failure);
            return null;
        });
        return both;
    }

    /** Starts asynchronous work, turning an exception thrown while starting it into a failed future. */
    static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
