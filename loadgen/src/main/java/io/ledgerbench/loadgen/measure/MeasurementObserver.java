package io.ledgerbench.loadgen.measure;

import io.ledgerbench.loadgen.driver.TransferOutcome;

/** Sees every recorded event as it happens (metrics export); the default ignores everything. */
public interface MeasurementObserver {

    MeasurementObserver NONE = new MeasurementObserver() {
    };

    default void outcome(Phase phase, TransferOutcome outcome, long latencyNanos, long serviceTimeNanos) {
    }

    default void retry(Phase phase, String reason) {
    }

    default void batch(Phase phase, int transfers) {
    }

    default void dropped(Phase phase) {
    }

    default void inFlight(int transfers) {
    }
}
