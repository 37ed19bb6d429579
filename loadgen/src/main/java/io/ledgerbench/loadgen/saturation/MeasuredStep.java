package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.measure.RunMeasurement;
import java.time.Instant;

/**
 * One step as run by one load generator: the total rate offered (all pods), when it ran, this generator's own
 * share of the measurement and every pod's merged (the same in a single process).
 */
public record MeasuredStep(int step, double offeredRatePerSec, Instant startedAt, Instant finishedAt,
                           RunMeasurement own, RunMeasurement merged) {
}
