package io.ledgerbench.loadgen.measure;

import java.util.Map;
import org.HdrHistogram.Histogram;

/** A pod's run measurement with known figures, for tests that merge, store or report measurements. */
public final class Measurements {

    private Measurements() {
    }

    /**
     * {@code completed} transfers, each taking {@code latencyMicros}, one batch of 10 x (index + 1),
     * one rejection, one failure (timeout), two deadlock retries, 5 completed in warmup; the window is
     * 10 s plus {@code index} nanoseconds so the longest pod can be told apart.
     */
    public static RunMeasurement pod(int index, long completed, long latencyMicros, long[] answeredPerSecond,
                                     double clientCpu) {
        Histogram latency = LatencyHistograms.newHistogram();
        for (int i = 0; i < completed; i++) {
            latency.recordValue(latencyMicros * 1_000);
        }
        Histogram batches = BatchSizeHistograms.newHistogram();
        batches.recordValue(10L * (index + 1));
        PhaseCounts warmup = new PhaseCounts(5, 0, 0, 0, 0, 0, Map.of(), Map.of());
        PhaseCounts measured = new PhaseCounts(completed, 1, 1, 0, 0, 0, Map.of("deadlock", 2L), Map.of("timeout", 1L));
        return new RunMeasurement(
                new PhaseMeasurement(warmup, LatencyHistograms.newHistogram(), LatencyHistograms.newHistogram(),
                        BatchSizeHistograms.newHistogram()),
                new PhaseMeasurement(measured, latency, latency.copy(), batches),
                10_000_000_000L + index, answeredPerSecond, clientCpu, 0.25 * index, null);
    }
}
