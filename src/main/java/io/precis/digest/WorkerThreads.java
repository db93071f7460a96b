package io.precis.digest;

import io.quarkus.runtime.BlockingOperationControl;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where work that may block runs: Quarkus's worker pool. A request starts on an event loop, where only what this
 * process holds in memory may be answered; normalizing, detecting, Redis and the model move here.
 */
@ApplicationScoped
class WorkerThreads {

    private final ExecutorService worker;

    WorkerThreads(ExecutorService worker) {
        this.worker = worker;
    }

    /** The pool itself, for work that decides on its own when to move there. */
    ExecutorService pool() {
        return worker;
    }

    /** Runs {@code work} on a worker thread, or here when this already is one. */
    <T> CompletableFuture<T> onWorker(Supplier<CompletableFuture<T>> work) {
        if (BlockingOperationControl.isBlockingAllowed()) {
            return Futures.start(work);
        }
        return CompletableFuture.supplyAsync(work, worker).thenCompose(Function.identity());
    }
}
