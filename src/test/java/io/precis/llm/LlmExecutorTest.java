package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.precis.core.Failure;
import io.precis.core.ServiceException;
import io.precis.task.Author;
import io.precis.task.Caller;
import io.precis.task.Cancellation;
import io.precis.task.Deadline;
import io.precis.task.Generation;
import io.precis.task.Task;
import io.precis.task.TextSink;
import io.precis.testing.TestConfig;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The model's deadline counts from when a call gets its slot, not from when it was queued: a request waiting behind
 * a long call gets the whole LLM_TIMEOUT once its turn comes. Waiting has a bound of its own, LLM_QUEUE_TIMEOUT, past
 * which the request is told the service is busy (a 503 with Retry-After), not that the model was slow.
 */
class LlmExecutorTest {

    private LlmExecutor executor;

    @AfterEach
    void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
        }
    }

    @Test
    void aCallThatWaitedForItsSlotStillGetsTheWholeDeadline() {
        // One slot; each call takes 70 % of LLM_TIMEOUT, so the second one ends after 140 % of it.
        executor = executor("1s", "10s");
        CompletableFuture<Duration> first = executor.submit(Caller.key("a"), (deadline, stop) -> work(700, deadline, stop), null);
        CompletableFuture<Duration> second = executor.submit(Caller.key("a"), (deadline, stop) -> work(700, deadline, stop), null);

        assertThat(first.join()).as("the first call's time left when it ended").isPositive();
        assertThat(second.join()).as("the second call's time left when it ended, after waiting 0.7 s").isPositive()
                .isGreaterThan(Duration.ofMillis(200));
    }

    @Test
    void aCallThatWaitsLongerThanTheQueueTimeoutIsToldTheServiceIsBusy() throws Exception {
        executor = executor("10s", "300ms");
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Duration> running = executor.submit(Caller.key("a"), (deadline, stop) -> release.thenApply(released -> deadline.remaining()), null);
        long start = System.nanoTime();
        CompletableFuture<Duration> waiting = executor.submit(Caller.key("b"), (deadline, stop) -> work(1, deadline, stop), null);

        Throwable failure = waiting.handle((value, error) -> error).join();
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.complete(null);

        assertThat(failure).isInstanceOf(ServiceException.class);
        ServiceException busy = (ServiceException) failure;
        assertThat(busy.failure()).isEqualTo(Failure.OVERLOADED);
        assertThat(busy.retryAfter()).isNotNull();
        assertThat(busy.detail()).contains("LLM_QUEUE_TIMEOUT");
        assertThat(waited).isBetween(250L, 3_000L);
        assertThat(running.join()).isPositive();
    }

    @Test
    void aBusyServiceSaysToComeBackWhenTheQueueHasDrainedAtThePaceOfRecentCalls() throws Exception {
        // Two slots, one call may wait; LLM_RETRY_AFTER is 10 s. Calls of 1.2 s: the pace the estimate learns.
        executor = executor(2, 1, "10s", "300ms");
        CompletableFuture.allOf(
                executor.submit(Caller.key("a"), (deadline, stop) -> work(1_200, deadline, stop), null),
                executor.submit(Caller.key("b"), (deadline, stop) -> work(1_200, deadline, stop), null)).join();
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<?> first = executor.submit(Caller.key("a"), (deadline, stop) -> release, null);
        CompletableFuture<?> second = executor.submit(Caller.key("b"), (deadline, stop) -> release, null);
        CompletableFuture<?> third = executor.submit(Caller.key("c"), (deadline, stop) -> work(1, deadline, stop), null);

        // The queue is full: 3 calls admitted, at 1.2 s each over 2 slots, drain in 1.8 s, said as 2 s.
        assertThat(retryAfter(executor.submit(Caller.key("d"), (deadline, stop) -> work(1, deadline, stop), null)))
                .isEqualTo(Duration.ofSeconds(2));
        // The third waited past LLM_QUEUE_TIMEOUT: the 2 calls left drain in 1.2 s, said as 2 s too.
        assertThat(retryAfter(third)).isEqualTo(Duration.ofSeconds(2));
        release.complete(null);
        CompletableFuture.allOf(first, second).join();
    }

    @Test
    void callsRefusedAtOnceDoNotMakeTheQueueLookFast() {
        executor = executor(1, 1, "10s", "300ms");
        executor.submit(Caller.key("a"), (deadline, stop) -> work(1_200, deadline, stop), null).join();
        for (int i = 0; i < 20; i++) {
            // As a provider whose circuit is open, or whose model is not ready, fails: at once.
            executor.submit(Caller.key("a"), (deadline, stop) -> CompletableFuture.failedFuture(
                    new ServiceException(Failure.MODEL_UNAVAILABLE, "not ready")), null).handle((value, error) -> error).join();
        }
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<?> running = executor.submit(Caller.key("a"), (deadline, stop) -> release, null);
        CompletableFuture<?> waiting = executor.submit(Caller.key("b"), (deadline, stop) -> work(1, deadline, stop), null);

        // 2 calls admitted at 1.2 s each on one slot: 2.4 s, said as 3 s.
        assertThat(retryAfter(executor.submit(Caller.key("c"), (deadline, stop) -> work(1, deadline, stop), null)))
                .isEqualTo(Duration.ofSeconds(3));
        release.complete(null);
        running.join();
        waiting.handle((value, error) -> error).join();
    }

    /** The Retry-After a refused call was given, waiting for its refusal. */
    private static Duration retryAfter(CompletableFuture<?> refused) {
        Throwable failure = refused.handle((value, error) -> error).join();
        assertThat(failure).isInstanceOf(ServiceException.class);
        assertThat(((ServiceException) failure).failure()).isEqualTo(Failure.OVERLOADED);
        return ((ServiceException) failure).retryAfter();
    }

    @Test
    void aCallSlowerThanTheDeadlineStillTimesOut() {
        executor = executor("300ms", "10s");
        CompletableFuture<Duration> slow = executor.submit(Caller.key("a"), (deadline, stop) -> work(5_000, deadline, stop), null);

        Throwable failure = slow.handle((value, error) -> error).join();

        assertThat(failure).isInstanceOf(ServiceException.class);
        assertThat(((ServiceException) failure).failure()).isEqualTo(Failure.MODEL_TIMEOUT);
    }

    @Test
    void aCallPastItsDeadlineIsStoppedAndItsSlotFreedAtOnce() {
        // One slot: the second call runs only once the first has let go of it.
        executor = executor("300ms", "10s");
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        CompletableFuture<Duration> hanging = executor.submit(Caller.key("a"), (deadline, stop) -> {
            CompletableFuture<Duration> never = new CompletableFuture<>();
            stop.onCancel(() -> {
                stopped.complete(null);
                never.completeExceptionally(new CancellationException("stopped"));
            });
            return never;
        }, null);
        CompletableFuture<Duration> next = executor.submit(Caller.key("a"),
                (deadline, stop) -> work(1, deadline, stop), null);

        Throwable failure = hanging.handle((value, error) -> error).join();

        assertThat(failure).isInstanceOf(ServiceException.class);
        assertThat(((ServiceException) failure).failure()).isEqualTo(Failure.MODEL_TIMEOUT);
        assertThat(stopped).as("what the call started was stopped").succeedsWithin(Duration.ofSeconds(1));
        assertThat(next.join()).as("the next call's time left: it ran as soon as the slot was free").isPositive();
    }

    private static LlmExecutor executor(String timeout, String queueTimeout) {
        return executor(1, 100, timeout, queueTimeout);
    }

    private static LlmExecutor executor(int slots, int queue, String timeout, String queueTimeout) {
        LlmConfig config = TestConfig.llm(Map.of("llm.max-concurrency", String.valueOf(slots), "llm.max-queue",
                String.valueOf(queue), "llm.timeout", timeout, "llm.queue-timeout", queueTimeout,
                "llm.slots-kept-for-others", "0"));
        return new LlmExecutor(config, new OneSlotProvider(), new LlmTelemetry(new SimpleMeterRegistry(),
                OpenTelemetry.noop().getTracer("test")));
    }

    /**
     * Answers after a while, as a provider over the network would, unless stopped first: then it fails at once. The
     * answer is the time its deadline had left.
     */
    private static CompletableFuture<Duration> work(long millis, Deadline deadline, Cancellation stop) {
        CompletableFuture<Duration> answer = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)
                .execute(() -> answer.complete(deadline.remaining()));
        stop.onCancel(() -> answer.completeExceptionally(new CancellationException("stopped")));
        return answer;
    }

    /** Only what the executor asks of a provider: how many calls it serves at once (no limit of its own). */
    private static final class OneSlotProvider implements LlmProvider {
        @Override
        public Capabilities capabilities() {
            return new Capabilities(new ModelRef("fake", "fake-model"), "v1", true, true, OptionalInt.empty());
        }

        @Override
        public Author author() {
            throw new UnsupportedOperationException();
        }

        @Override
        public TokenBudget budget() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Generation> write(Task task, Deadline deadline, Cancellation stop,
                TextSink sink) {
            throw new UnsupportedOperationException();
        }
    }
}
