package io.ledgerbench.loadgen.measure;

import org.HdrHistogram.Histogram;

/**
 * What one phase recorded: counts, latency from each transfer's intended start (what a user of
 * the ledger waits, stalls included) and service time from the actual send (kept beside it, as
 * wrk2 does, to show how much of the latency was queueing), and the sizes of the batches sent
 * (empty for drivers that send one transfer per request).
 */
public record PhaseMeasurement(PhaseCounts counts, Histogram latency, Histogram serviceTime, Histogram batchSizes) {
}
