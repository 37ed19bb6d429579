package io.ledgerbench.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunClockTest {

    private final RunClock clock = RunClock.startingAt(0, Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofSeconds(30));

    @Test
    void aStopDuringTheMeasurementEndsItThereWithItsReason() {
        clock.stopEarly(20_000_000_000L, "gave up");

        assertThat(clock.isOver(20_000_000_001L)).isTrue();
        assertThat(clock.effectiveEndNanos()).isEqualTo(20_000_000_000L);
        assertThat(clock.stopReason()).contains("gave up");
    }

    @Test
    void aGiveUpDuringTheDrainStillMarksTheRunButKeepsItsPlannedWindow() {
        clock.stopEarly(clock.endNanos() + 5_000_000_000L, "gave up while draining");

        assertThat(clock.stopReason()).contains("gave up while draining");
        assertThat(clock.effectiveEndNanos()).isEqualTo(clock.endNanos());
    }

    @Test
    void theFirstStopCounts() {
        clock.stopEarly(20_000_000_000L, "first");
        clock.stopEarly(30_000_000_000L, "second");

        assertThat(clock.stopReason()).contains("first");
        assertThat(clock.effectiveEndNanos()).isEqualTo(20_000_000_000L);
    }
}
