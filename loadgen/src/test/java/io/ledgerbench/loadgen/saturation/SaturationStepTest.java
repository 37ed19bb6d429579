package io.ledgerbench.loadgen.saturation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.measure.PhaseRecorder;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one step is judged, and what a search's steps say about where the rate breaks. */
class SaturationStepTest {

    private static final ServiceObjective OBJECTIVE = new ServiceObjective(20, 0.99);

    /** A 10 s step: arrivals transfers answered within latencyMillis each over windowSeconds; maybe stopped early. */
    private static RunMeasurement measured(long arrivals, long latencyMillis, double windowSeconds, String stopped) {
        PhaseRecorder phase = new PhaseRecorder();
        for (long i = 0; i < arrivals; i++) {
            phase.recordOutcome(TransferOutcome.COMPLETED, null, latencyMillis * 1_000_000, 1_000_000);
        }
        return new RunMeasurement(new PhaseRecorder().snapshot(), phase.snapshot(), (long) (windowSeconds * 1e9),
                new long[11], 0.2, 0, stopped);
    }

    private static SaturationStep step(int index, double offered, RunMeasurement measurement) {
        return SaturationStep.of(index, offered, Instant.EPOCH, Instant.EPOCH, 10, measurement, OBJECTIVE);
    }

    @Test
    void poissonArrivalsBelowTheNominalRateStillHoldWhenEveryOneWasAnsweredInTime() {
        // 100/s offered, 970 arrivals drawn in 10 s (3 % below: one standard deviation at 1000 expected).
        SaturationStep step = step(1, 100, measured(970, 5, 10, null));
        assertThat(step.scheduledRatePerSec()).isEqualTo(97);
        assertThat(step.held()).as("%s", step.misses()).isTrue();
    }

    @Test
    void answersFallingBehindTheScheduledArrivalsMissTheAchievedBound() {
        // Every arrival answered, but the last only 12 s in: the server did not keep pace.
        SaturationStep step = step(1, 100, measured(1000, 5, 12, null));
        assertThat(step.held()).isFalse();
        assertThat(step.misses()).singleElement().asString()
                .startsWith("achieved 83.3/s < 99.0 % of the 100.0/s scheduled");
    }

    @Test
    void aStepTheDatabaseStoppedAnsweringInBoundsNothing() {
        SaturationResult answer = SaturationResult.of(OBJECTIVE, null, 100, List.of(
                step(1, 100, measured(1000, 5, 10, null)),
                step(2, 200, measured(500, 5, 10, "the database gave up"))), "step 2 stopped early");
        assertThat(answer.sustainableRatePerSec()).isEqualTo(100);
        assertThat(answer.saturationReached()).as("no rate failed while the database answered").isFalse();
        assertThat(answer.bound()).isNull();
    }

    @Test
    void theKneeIsTheHighestHeldRateWithinTwiceTheLowestHeldP99() {
        SaturationResult answer = SaturationResult.of(OBJECTIVE, null, 100, List.of(
                step(1, 100, measured(1000, 4, 10, null)),
                step(2, 200, measured(2000, 7, 10, null)),
                step(3, 300, measured(3000, 15, 10, null)),
                step(4, 400, measured(4000, 90, 10, null))), "resolution reached");
        assertThat(answer.kneeRatePerSec()).isEqualTo(200);
        assertThat(answer.sustainableRatePerSec()).isEqualTo(300);
        assertThat(answer.bound().step()).isEqualTo(4);
    }
}
