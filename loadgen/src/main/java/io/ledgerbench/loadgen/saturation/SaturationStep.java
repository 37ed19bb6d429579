package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.measure.LatencyHistograms;
import io.ledgerbench.loadgen.measure.PhaseCounts;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.result.LatencySummary;
import java.time.Instant;
import java.util.List;

/**
 * One fixedRate step of a saturation search, all pods together: the rate offered, what was achieved, the
 * latency (from the intended start) and service time, the counts, whether it held the objective and each way
 * it missed, and its serialized histograms (a full measurement, like a run's). Warmup appears as counts only.
 */
public record SaturationStep(
        int step,
        double offeredRatePerSec,
        Instant startedAt,
        Instant finishedAt,
        double measurementSeconds,
        PhaseCounts counts,
        PhaseCounts warmupCounts,
        double achievedRatePerSec,
        double throughputPerSec,
        LatencySummary latencyMs,
        LatencySummary serviceTimeMs,
        boolean held,
        List<String> misses,
        String stoppedEarlyReason,
        String latencyHistogram,
        String serviceTimeHistogram) {

    public SaturationStep {
        misses = List.copyOf(misses);
    }

    /** The step from its measurement (every pod's merged), judged against the objective. */
    public static SaturationStep of(int step, double offeredRatePerSec, Instant startedAt, Instant finishedAt,
                                    RunMeasurement measurement, ServiceObjective objective) {
        PhaseCounts counts = measurement.measurement().counts();
        double seconds = Math.max(measurement.measurementWindowNanos(), 1) / 1e9;
        double achieved = counts.finished() / seconds;
        LatencySummary latency = LatencySummary.of(measurement.measurement().latency());
        List<String> misses = objective.misses(offeredRatePerSec, achieved, latency.p99Ms(), counts,
                measurement.stoppedEarlyReason());
        return new SaturationStep(step, offeredRatePerSec, startedAt, finishedAt, seconds, counts,
                measurement.warmup().counts(), achieved, (counts.completed() + counts.rejected()) / seconds, latency,
                LatencySummary.of(measurement.measurement().serviceTime()), misses.isEmpty(), misses,
                measurement.stoppedEarlyReason(), LatencyHistograms.encode(measurement.measurement().latency()),
                LatencyHistograms.encode(measurement.measurement().serviceTime()));
    }
}
