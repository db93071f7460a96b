package io.precis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private final SingleFlight<String, String> flights = new SingleFlight<>();

    @Test
    void concurrentCallersJoinTheFlightUnderWay() {
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<String> work = new CompletableFuture<>();

        SingleFlight.Flight<String> first = flights.run("k", () -> {
            started.incrementAndGet();
            return work;
        });
        SingleFlight.Flight<String> second = flights.run("k", () -> {
            started.incrementAndGet();
            return CompletableFuture.completedFuture("other");
        });
        work.complete("done");

        assertThat(started).hasValue(1);
        assertThat(first.joined()).isFalse();
        assertThat(second.joined()).isTrue();
        assertThat(first.result().join()).isEqualTo("done");
        assertThat(second.result().join()).isEqualTo("done");
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void aFailedFlightLeavesNothingBehind() {
        flights.run("k", () -> CompletableFuture.failedFuture(new IllegalStateException("upstream down")));

        SingleFlight.Flight<String> next = flights.run("k", () -> CompletableFuture.completedFuture("recovered"));

        assertThat(next.joined()).isFalse();
        assertThat(next.result().join()).isEqualTo("recovered");
    }

    @Test
    void workThatThrowsFailsTheFlightInsteadOfTheCaller() {
        SingleFlight.Flight<String> flight = flights.run("k", () -> {
            throw new IllegalStateException("boom");
        });

        assertThat(flight.result()).isCompletedExceptionally();
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void aCallerCancellingItsViewLeavesTheFlightRunningForOthers() {
        CompletableFuture<String> work = new CompletableFuture<>();
        SingleFlight.Flight<String> first = flights.run("k", () -> work);
        SingleFlight.Flight<String> second = flights.run("k", () -> new CompletableFuture<>());

        first.result().cancel(true);
        work.complete("done");

        assertThat(work.isCancelled()).isFalse();
        assertThat(second.result().join()).isEqualTo("done");
    }

    @Test
    void manyThreadsAskingAtOnceStartOneFlightAndAllGetItsResult() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<String> work = new CompletableFuture<>();
        int callers = 64;
        java.util.concurrent.CyclicBarrier gate = new java.util.concurrent.CyclicBarrier(callers);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.List<java.util.concurrent.Future<CompletableFuture<String>>> views = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                views.add(threads.submit(() -> {
                    gate.await();
                    return flights.run("k", () -> {
                        started.incrementAndGet();
                        return work;
                    }).result();
                }));
            }
            java.util.List<CompletableFuture<String>> results = new java.util.ArrayList<>();
            for (var view : views) {
                results.add(view.get());
            }
            work.complete("done");

            assertThat(started).hasValue(1);
            assertThat(results).allSatisfy(r -> assertThat(r.join()).isEqualTo("done"));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void everyWaitingCallerSeesTheFailureOfTheFlight() {
        CompletableFuture<String> work = new CompletableFuture<>();
        SingleFlight.Flight<String> first = flights.run("k", () -> work);
        SingleFlight.Flight<String> second = flights.run("k", () -> work);

        work.completeExceptionally(new IllegalStateException("upstream down"));

        assertThat(first.result()).isCompletedExceptionally();
        assertThat(second.result()).isCompletedExceptionally();
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void differentKeysFlyApart() {
        CompletableFuture<String> a = new CompletableFuture<>();
        flights.run("a", () -> a);

        SingleFlight.Flight<String> b = flights.run("b", () -> CompletableFuture.completedFuture("b"));

        assertThat(b.joined()).isFalse();
        assertThat(b.result().join()).isEqualTo("b");
        a.complete("a");
    }
}
