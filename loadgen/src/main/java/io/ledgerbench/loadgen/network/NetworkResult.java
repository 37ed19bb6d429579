package io.ledgerbench.loadgen.network;

import io.ledgerbench.loadgen.result.LatencySummary;

/**
 * The distance a run's network was given and what was measured across it: how the delay was made,
 * the round trips asked for client to database and between database nodes with the jitter, and the
 * round trips measured over each (null where no delay was added, or none could be measured).
 */
public record NetworkResult(
        String emulation,
        double clientRoundTripMs,
        LatencySummary clientRoundTripMeasuredMs,
        double nodeRoundTripMs,
        LatencySummary nodeRoundTripMeasuredMs,
        double jitterMs) {
}
