package io.precis.llm;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Futures that fail with the failure itself: a stage chained on another wraps what it throws in a
 * {@link CompletionException}, which the retry layer's predicates, the failure classifier and the executor must not
 * see in place of the provider's failure.
 */
final class Futures {

    private Futures() {
    }

    /** The stage's outcome, its failure unwrapped. */
    static <T> CompletableFuture<T> settled(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                out.complete(value);
            } else {
                out.completeExceptionally(cause(failure));
            }
        });
        return out;
    }

    /**
     * The stage's outcome, its failure unwrapped, passed on by a {@link Workers} thread: what follows must not run on
     * the event loop or the timer that completed the stage. One already on a worker passes it on at once.
     */
    static <T> CompletableFuture<T> settledOnWorker(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            Runnable settle = () -> {
                if (failure == null) {
                    out.complete(value);
                } else {
                    out.completeExceptionally(cause(failure));
                }
            };
            if (Workers.onWorker()) {
                settle.run();
            } else {
                Workers.CPU.execute(settle);
            }
        });
        return out;
    }

    /** The failure under the wrappers a future puts around it. */
    static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
