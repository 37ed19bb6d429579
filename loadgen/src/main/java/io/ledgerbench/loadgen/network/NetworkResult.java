package io.ledgerbench.loadgen.network;

import io.ledgerbench.loadgen.result.LatencySummary;

/**
 * The distance a run's network was given and what was measured across it: how the delay was made,
 * the round trips asked for client to database and between database nodes with the jitter, and the
 * round trips measured over each (null where no delay was added, or none could be measured); the share
 * of packets asked to be lost between client and database, and the packets the client's link carried
 * during the run and lost (null where they could not be counted).
 */
public record NetworkResult(
        String emulation,
        double clientRoundTripMs,
        LatencySummary clientRoundTripMeasuredMs,
        double nodeRoundTripMs,
        LatencySummary nodeRoundTripMeasuredMs,
        double jitterMs,
        double lossPercent,
        Long clientPacketsCarried,
        Long clientPacketsLost) {

    /** A network with no loss asked for, and no packets counted. */
    public NetworkResult(String emulation, double clientRoundTripMs, LatencySummary clientRoundTripMeasuredMs,
                         double nodeRoundTripMs, LatencySummary nodeRoundTripMeasuredMs, double jitterMs) {
        this(emulation, clientRoundTripMs, clientRoundTripMeasuredMs, nodeRoundTripMs, nodeRoundTripMeasuredMs, jitterMs,
                0, null, null);
    }

    /** This result with what the client's link carried and lost (both directions) during one run. */
    public NetworkResult withClientPackets(PacketCounts counts) {
        return new NetworkResult(emulation, clientRoundTripMs, clientRoundTripMeasuredMs, nodeRoundTripMs,
                nodeRoundTripMeasuredMs, jitterMs, lossPercent, counts.carried(), counts.lost());
    }

    /** The share of the client link's packets lost during the run, in percent (null when not counted or none). */
    public Double clientLossMeasuredPercent() {
        return clientPacketsCarried == null || clientPacketsCarried + clientPacketsLost == 0 ? null
                : 100.0 * clientPacketsLost / (clientPacketsCarried + clientPacketsLost);
    }
}
