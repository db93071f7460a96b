package io.precis.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Runs asynchronous work over a list, at most a given number at a time, keeping the results in order. */
final class Bounded {

    private Bounded() {
    }

    /**
     * Applies {@code work} to every item, starting the next as one finishes. Fails with the first failure; work
     * already started runs to its end (and is cached), work not started yet is not started.
     */
    static <I, O> CompletableFuture<List<O>> map(List<I> items, int limit, Function<I, CompletableFuture<O>> work) {
        List<CompletableFuture<O>> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(new CompletableFuture<>());
        }
        CompletableFuture<List<O>> all = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        for (int started = 0; started < Math.min(Math.max(1, limit), items.size()); started++) {
            startNext(items, work, results, next, all);
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            if (failure == null) {
                all.complete(results.stream().map(CompletableFuture::join).toList());
            }
        });
        if (items.isEmpty()) {
            all.complete(List.of());
        }
        return all;
    }

    private static <I, O> void startNext(List<I> items, Function<I, CompletableFuture<O>> work,
            List<CompletableFuture<O>> results, AtomicInteger next, CompletableFuture<List<O>> all) {
        int index = next.getAndIncrement();
        if (index >= items.size() || all.isDone()) {
            return;
        }
        CompletableFuture<O> started;
        try {
            started = work.apply(items.get(index));
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((value, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure);
                results.get(index).completeExceptionally(failure);
            } else {
                results.get(index).complete(value);
                startNext(items, work, results, next, all);
            }
        });
    }
}
