package io.ledgerbench.loadgen.measure;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one phase recorded: counts, latency from each transfer's intended start (what a user of
 * the ledger waits, stalls included) and service time from the actual send (kept beside it, as
 * wrk2 does, to show how much of the latency was queueing), and the sizes of the batches sent
 * (empty for drivers that send one transfer per request).
 */
public record PhaseMeasurement(PhaseCounts counts, Histogram latency, Histogram serviceTime, Histogram batchSizes) {

    /** What two pods measured in the same phase: counts added, histograms added (never percentiles averaged). */
    public PhaseMeasurement plus(PhaseMeasurement other) {
        return new PhaseMeasurement(counts.plus(other.counts),
                LatencyHistograms.merge(List.of(latency, other.latency)),
                LatencyHistograms.merge(List.of(serviceTime, other.serviceTime)),
                BatchSizeHistograms.merge(List.of(batchSizes, other.batchSizes)));
    }
}
