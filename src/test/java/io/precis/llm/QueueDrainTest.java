package io.precis.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A busy service's Retry-After: how long the calls admitted now take at the pace of recent calls. */
class QueueDrainTest {

    private final QueueDrain drain = new QueueDrain(Duration.ofSeconds(10), Duration.ofMinutes(7));

    @Test
    void beforeAnyCallHasRunItIsTheConfiguredRetryAfter() {
        assertThat(drain.estimate(50, 2)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void isTheCallsAdmittedSharedByTheSlotsAtTheMeanCallTimeRoundedUpToWholeSeconds() {
        drain.ran(Duration.ofSeconds(3).toNanos());

        assertThat(drain.estimate(4, 2)).isEqualTo(Duration.ofSeconds(6));
        assertThat(drain.estimate(3, 2)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void followsRecentCallsWithoutOneOutlierTakingOver() {
        drain.ran(Duration.ofSeconds(10).toNanos());
        drain.ran(Duration.ofSeconds(60).toNanos());

        assertThat(drain.estimate(1, 1)).isEqualTo(Duration.ofSeconds(20));
        for (int i = 0; i < 30; i++) {
            drain.ran(Duration.ofSeconds(2).toNanos());
        }
        assertThat(drain.estimate(1, 1)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void isAtLeastOneSecondAndAtMostTheTimeAfterWhichEveryAdmittedCallHasRunOrBeenRefused() {
        drain.ran(Duration.ofMillis(20).toNanos());
        assertThat(drain.estimate(1, 4)).isEqualTo(Duration.ofSeconds(1));

        drain.ran(Duration.ofMinutes(30).toNanos());
        assertThat(drain.estimate(100, 1)).isEqualTo(Duration.ofMinutes(7));
    }
}
