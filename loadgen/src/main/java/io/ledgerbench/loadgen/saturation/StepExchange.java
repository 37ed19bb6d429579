package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.measure.RunMeasurement;
import java.time.Instant;

/**
 * How a load generator learns what every pod measured in a step before the search decides the next rate,
 * and starts the next step together with them. In one process (the local runner) it is its own measurement.
 */
public interface StepExchange {

    /** In one process: this generator measured every pod's share itself, and no one else starts a step. */
    StepExchange SINGLE_PROCESS = (step, offeredRatePerSec, startedAt, finishedAt, own) -> new AllPods(own,
            Instant.now());

    /**
     * Every pod's measurement of a step merged, and the instant the next step starts at for every pod (the
     * search's time limit is judged on it, so every pod judges alike).
     */
    record AllPods(RunMeasurement merged, Instant nextStepAt) {
    }

    /**
     * Every pod's measurement of the step (step 0 is the probe, if any) merged, once each pod has one;
     * returns at the moment the next step starts for every pod, which it also tells.
     */
    AllPods allPods(int step, double offeredRatePerSec, Instant startedAt, Instant finishedAt,
                           RunMeasurement own) throws InterruptedException;
}
