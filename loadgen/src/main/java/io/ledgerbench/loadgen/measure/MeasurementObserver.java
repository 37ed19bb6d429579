package io.ledgerbench.loadgen.measure;

import io.ledgerbench.loadgen.driver.TransferOutcome;

/** Sees every recorded event as it happens (metrics export); the default ignores everything. */
public interface MeasurementObserver {

    MeasurementObserver NONE = new MeasurementObserver() {
    };

    default void outcome(Phase phase, TransferOutcome outcome, long latencyNanos, long serviceTimeNanos) {
    }

    /** Transfers that failed without an answer (abandoned at the drain deadline): no latency to record. */
    default void unanswered(Phase phase, long transfers) {
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
