package io.precis.quality;

import io.precis.task.SummaryLength;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider's summaries of the sampled documents, asked of the service over HTTP with a bounded number of requests
 * in flight.
 *
 * @param summaries     aligned with the documents; null where the service wrote none
 * @param failures      the documents without a summary, counted by reason
 * @param docsPerSecond documents divided by the wall time of the pass, from the first request to the last answer
 * @param concurrency   requests that were in flight at once
 */
record ProviderPass(List<String> summaries, Map<String, Integer> failures, double docsPerSecond, int concurrency) {

    /** Asks for every summary, {@code concurrency} at a time, and reports progress every tenth of the documents. */
    static ProviderPass run(ServiceClient service, List<String> sources, SummaryLength length, int concurrency,
            PrintStream progress) {
        String[] summaries = new String[sources.size()];
        Map<String, Integer> failures = new TreeMap<>();
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, sources.size() / 10);
        List<CompletableFuture<?>> calls = new ArrayList<>(sources.size());
        long start = System.nanoTime();
        for (int i = 0; i < sources.size(); i++) {
            int index = i;
            slots.acquireUninterruptibly();
            calls.add(service.summarize(sources.get(i), length).whenComplete((summary, failure) -> {
                slots.release();
                if (failure == null) {
                    summaries[index] = summary;
                } else {
                    synchronized (failures) {
                        failures.merge(reason(failure), 1, Integer::sum);
                    }
                }
                int finished = done.incrementAndGet();
                if (finished % step == 0) {
                    progress.printf("Evaluated %d of %d documents%n", finished, sources.size());
                }
            }));
        }
        // Each call's outcome is in the array or the failure counts; allOf only waits for the last one.
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> null).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ProviderPass(Arrays.asList(summaries), failures, sources.size() / seconds, concurrency);
    }

    /** The problem's slug when the service answered with one, else what kept the request from an answer. */
    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof ServiceClient.NoSummary ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
