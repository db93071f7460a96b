package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.precis.task.Caller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The order in which waiting model calls get a slot, and what one caller may hold. */
class FairQueueTest {

    private static final Caller A = Caller.key("a");
    private static final Caller B = Caller.key("b");
    private static final Caller C = Caller.key("c");

    @Test
    void callersTakeTurnsWhateverTheOrderTheirCallsCameIn() throws InterruptedException {
        FairQueue queue = new FairQueue(1, 0, 100, 100);
        List<FairQueue.Call> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(call(A));
            queue.offer(burst.get(i));
        }
        FairQueue.Call fromB = call(B);
        FairQueue.Call fromC = call(C);
        queue.offer(fromB);
        queue.offer(fromC);

        List<FairQueue.Call> order = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            FairQueue.Call next = queue.take(1, TimeUnit.SECONDS);
            order.add(next);
            queue.finished(next);
        }

        // One of A's calls, then B's and C's, before A's four others: not behind all five.
        assertThat(order).containsExactly(burst.get(0), fromB, fromC, burst.get(1), burst.get(2), burst.get(3),
                burst.get(4));
    }

    @Test
    void oneCallerLeavesTheSlotsKeptForOthersFreeWhileOthersAreAround() throws InterruptedException {
        long[] now = {0};
        FairQueue queue = new FairQueue(4, 1, 100, 100, () -> now[0]);
        runOne(queue, B);
        now[0] += Duration.ofSeconds(30).toNanos();
        for (int i = 0; i < 10; i++) {
            queue.offer(call(A));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(queue.take(1, TimeUnit.SECONDS)).isNotNull();
        }

        assertThat(queue.take(50, TimeUnit.MILLISECONDS)).as("A holds its share: 3 of 4 slots").isNull();
        FairQueue.Call fromB = call(B);
        queue.offer(fromB);
        assertThat(queue.take(1, TimeUnit.SECONDS)).isSameAs(fromB);
        assertThat(queue.running()).isEqualTo(4);
        assertThat(queue.waiting()).isEqualTo(7);
    }

    @Test
    void aCallerAloneTakesEverySlot() throws InterruptedException {
        long[] now = {0};
        FairQueue queue = new FairQueue(4, 1, 100, 100, () -> now[0]);
        runOne(queue, B);
        // B's last call was more than a minute ago: nobody else is around.
        now[0] += Duration.ofSeconds(61).toNanos();
        for (int i = 0; i < 10; i++) {
            queue.offer(call(A));
        }

        for (int i = 0; i < 4; i++) {
            assertThat(queue.take(1, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(queue.running()).isEqualTo(4);
    }

    @Test
    void aCallerWhoseShareOfTheQueueIsFullIsRefusedWhileOthersAreStillQueued() {
        FairQueue queue = new FairQueue(2, 1, 10, 3);
        // A runs one call and may have three waiting.
        for (int i = 0; i < 4; i++) {
            assertThat(queue.offer(call(A))).isTrue();
        }

        assertThat(queue.offer(call(A))).isFalse();
        assertThat(queue.offer(call(B))).isTrue();
    }

    @Test
    void theQueueAsAWholeIsBounded() {
        FairQueue queue = new FairQueue(1, 0, 2, 100);
        assertThat(queue.offer(call(A))).isTrue();
        assertThat(queue.offer(call(B))).isTrue();
        assertThat(queue.offer(call(C))).isTrue();

        assertThat(queue.offer(call(Caller.key("d")))).isFalse();
    }

    @Test
    void aClosedQueueRefusesNewCallsAndStillGivesOutThoseItHolds() throws InterruptedException {
        FairQueue queue = new FairQueue(1, 0, 10, 10);
        FairQueue.Call queued = call(A);
        queue.offer(queued);

        queue.close();

        assertThat(queue.offer(call(B))).isFalse();
        assertThat(queue.drained()).isFalse();
        assertThat(queue.take(1, TimeUnit.SECONDS)).isSameAs(queued);
        assertThat(queue.drained()).isTrue();
        // A slot waiting for work is let go at once, not at the end of its wait.
        long start = System.nanoTime();
        assertThat(queue.take(1, TimeUnit.MINUTES)).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aWithdrawnCallIsNeverTaken() throws InterruptedException {
        FairQueue queue = new FairQueue(1, 0, 10, 10);
        FairQueue.Call first = call(A);
        FairQueue.Call second = call(A);
        queue.offer(first);
        queue.offer(second);

        assertThat(queue.withdraw(first)).isTrue();

        assertThat(queue.take(1, TimeUnit.SECONDS)).isSameAs(second);
        assertThat(queue.withdraw(second)).as("already running").isFalse();
        assertThat(queue.take(50, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aCallStoppedBeforeItStartsNeverRunsItsWork() {
        List<String> ran = new ArrayList<>();
        FairQueue.Call call = new FairQueue.Call(A, () -> ran.add("work"));

        call.stop();

        assertThat(call.start()).isFalse();
        assertThat(ran).isEmpty();
    }

    @Test
    void stoppingACallUnderWayStopsWhatItsWorkStarted() {
        List<String> stopped = new ArrayList<>();
        FairQueue.Call[] self = new FairQueue.Call[1];
        self[0] = new FairQueue.Call(A, () -> self[0].stopping().onCancel(() -> stopped.add("exchange reset")));

        assertThat(self[0].start()).isTrue();
        assertThat(stopped).isEmpty();
        self[0].stop();
        self[0].stop();

        assertThat(stopped).containsExactly("exchange reset");
    }

    private static void runOne(FairQueue queue, Caller caller) throws InterruptedException {
        queue.offer(call(caller));
        queue.finished(queue.take(1, TimeUnit.SECONDS));
    }

    private static FairQueue.Call call(Caller caller) {
        return new FairQueue.Call(caller, () -> { });
    }
}
