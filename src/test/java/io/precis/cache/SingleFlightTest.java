package io.precis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.task.TextSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private final SingleFlight<String, String> flights = new SingleFlight<>();

    @Test
    void concurrentCallersJoinTheFlightUnderWay() {
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<String> work = new CompletableFuture<>();

        SingleFlight.Flight<String> first = flights.run("k", job -> {
            started.incrementAndGet();
            return work;
        });
        SingleFlight.Flight<String> second = flights.run("k", job -> {
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
        flights.run("k", job -> CompletableFuture.failedFuture(new IllegalStateException("upstream down")));

        SingleFlight.Flight<String> next = flights.run("k", job -> CompletableFuture.completedFuture("recovered"));

        assertThat(next.joined()).isFalse();
        assertThat(next.result().join()).isEqualTo("recovered");
    }

    @Test
    void workThatThrowsFailsTheFlightInsteadOfTheCaller() {
        SingleFlight.Flight<String> flight = flights.run("k", job -> {
            throw new IllegalStateException("boom");
        });

        assertThat(flight.result()).isCompletedExceptionally();
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void aCallerCancellingItsViewLeavesTheFlightRunningForOthers() {
        CompletableFuture<String> work = new CompletableFuture<>();
        SingleFlight.Flight<String> first = flights.run("k", job -> work);
        SingleFlight.Flight<String> second = flights.run("k", job -> new CompletableFuture<>());

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
                    return flights.run("k", job -> {
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
        SingleFlight.Flight<String> first = flights.run("k", job -> work);
        SingleFlight.Flight<String> second = flights.run("k", job -> work);

        work.completeExceptionally(new IllegalStateException("upstream down"));

        assertThat(first.result()).isCompletedExceptionally();
        assertThat(second.result()).isCompletedExceptionally();
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void differentKeysFlyApart() {
        CompletableFuture<String> a = new CompletableFuture<>();
        flights.run("a", job -> a);

        SingleFlight.Flight<String> b = flights.run("b", job -> CompletableFuture.completedFuture("b"));

        assertThat(b.joined()).isFalse();
        assertThat(b.result().join()).isEqualTo("b");
        a.complete("a");
    }

    @Test
    void aWatcherJoiningLateReceivesTheTextSoFarThenTheRest() {
        CompletableFuture<String> work = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<TextSink> progress = new java.util.concurrent.atomic.AtomicReference<>();
        Recorder early = new Recorder();
        Recorder late = new Recorder();

        flights.watch("k", early, job -> {
            progress.set(job.progress());
            assertThat(job.streamed()).isTrue();
            return work;
        });
        progress.get().text("Russian ");
        progress.get().text("President ");
        flights.watch("k", late, job -> new CompletableFuture<>());
        progress.get().text("Putin");

        assertThat(early.events).containsExactly("Russian ", "President ", "Putin");
        assertThat(late.events).containsExactly("Russian President ", "Putin");
    }

    @Test
    void aRestartReachesEveryWatcherAndIsNotReplayedToLaterOnes() {
        java.util.concurrent.atomic.AtomicReference<TextSink> progress = new java.util.concurrent.atomic.AtomicReference<>();
        Recorder first = new Recorder();
        Recorder later = new Recorder();

        flights.watch("k", first, job -> {
            progress.set(job.progress());
            return new CompletableFuture<>();
        });
        progress.get().text("Der Präsident");
        progress.get().restart();
        progress.get().text("The President");
        flights.watch("k", later, job -> new CompletableFuture<>());

        assertThat(first.events).containsExactly("Der Präsident", "<restart>", "The President");
        assertThat(later.events).containsExactly("The President");
    }

    @Test
    void theLastWatcherLeavingCancelsTheWork() {
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        SingleFlight.Flight<String> first = flights.watch("k", new Recorder(), job -> {
            job.cancellation().onCancel(() -> cancelled.set(true));
            return new CompletableFuture<>();
        });
        SingleFlight.Flight<String> second = flights.watch("k", new Recorder(), job -> new CompletableFuture<>());

        first.leave().run();
        assertThat(cancelled).isFalse();
        second.leave().run();

        assertThat(cancelled).isTrue();
        assertThat(second.result()).isCompletedExceptionally();
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void aCallerThatOnlyWaitsKeepsTheWorkGoingWhenTheWatchersLeave() {
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<String> work = new CompletableFuture<>();
        SingleFlight.Flight<String> watcher = flights.watch("k", new Recorder(), job -> {
            job.cancellation().onCancel(() -> cancelled.set(true));
            return work;
        });
        SingleFlight.Flight<String> waiter = flights.run("k", job -> new CompletableFuture<>());

        watcher.leave().run();
        watcher.leave().run();
        work.complete("done");

        assertThat(cancelled).isFalse();
        assertThat(waiter.result().join()).isEqualTo("done");
    }

    @Test
    void aRequestAfterTheLastWatcherLeftStartsAFreshFlight() {
        SingleFlight.Flight<String> abandoned = flights.watch("k", new Recorder(), job -> new CompletableFuture<>());
        abandoned.leave().run();

        SingleFlight.Flight<String> next = flights.run("k", job -> CompletableFuture.completedFuture("fresh"));

        assertThat(next.joined()).isFalse();
        assertThat(next.result().join()).isEqualTo("fresh");
    }

    @Test
    void leavingAFinishedFlightCancelsNothing() {
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        SingleFlight.Flight<String> flight = flights.watch("k", new Recorder(), job -> {
            job.cancellation().onCancel(() -> cancelled.set(true));
            return CompletableFuture.completedFuture("done");
        });

        flight.leave().run();

        assertThat(cancelled).isFalse();
        assertThat(flight.result().join()).isEqualTo("done");
    }

    /** Records what a watcher receives. */
    private static final class Recorder implements TextSink {
        final java.util.List<String> events = new java.util.ArrayList<>();

        @Override
        public void text(String delta) {
            events.add(delta);
        }

        @Override
        public void restart() {
            events.add("<restart>");
        }
    }
}
