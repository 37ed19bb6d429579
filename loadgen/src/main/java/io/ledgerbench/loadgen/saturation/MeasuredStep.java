package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.measure.RunMeasurement;
import java.time.Instant;

/**
 * One step as run by one load generator: the total rate offered (all pods), when it ran, this generator's own
 * share of the measurement, every pod's merged (the same in a single process), and when the step after it
 * starts (null where that is not known, e.g. a step rebuilt from stored results).
 */
public record MeasuredStep(int step, double offeredRatePerSec, Instant startedAt, Instant finishedAt,
                           RunMeasurement own, RunMeasurement merged, Instant nextStepAt) {

    /** Transfers answered (completed or rejected) per second of the merged measurement's window, all pods. */
    public double answeredPerSec() {
        return (merged.measurement().counts().completed() + merged.measurement().counts().rejected())
                / (Math.max(merged.measurementWindowNanos(), 1) / 1e9);
    }
}
