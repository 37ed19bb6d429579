package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.measure.LatencyHistograms;
import io.ledgerbench.loadgen.measure.PhaseCounts;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.result.LatencySummary;
import java.time.Instant;
import java.util.List;

/**
 * One fixedRate step of a saturation search, all pods together: the rate offered, the rate of the arrivals
 * actually scheduled in its measurement (Poisson arrivals scatter around the offered rate), the rate answered
 * (completed or rejected, over the window up to the last answer), the latency (from the intended start) and
 * service time, the busiest load generator's peak CPU, the counts, whether it held the objective and each way it missed, and its serialized
 * histograms (a full measurement, like a run's). Warmup appears as counts only.
 */
public record SaturationStep(
        int step,
        double offeredRatePerSec,
        double scheduledRatePerSec,
        Instant startedAt,
        Instant finishedAt,
        double measurementSeconds,
        PhaseCounts counts,
        PhaseCounts warmupCounts,
        double achievedRatePerSec,
        LatencySummary latencyMs,
        LatencySummary serviceTimeMs,
        double clientCpuMax,
        boolean held,
        List<String> misses,
        String stoppedEarlyReason,
        String latencyHistogram,
        String serviceTimeHistogram) {

    public SaturationStep {
        misses = List.copyOf(misses);
    }

    /**
     * The step from its measurement (every pod's merged) over its planned measurement of plannedSeconds, judged
     * against the objective.
     */
    public static SaturationStep of(int step, double offeredRatePerSec, Instant startedAt, Instant finishedAt,
                                    double plannedSeconds, RunMeasurement measurement, ServiceObjective objective) {
        PhaseCounts counts = measurement.measurement().counts();
        double seconds = Math.max(measurement.measurementWindowNanos(), 1) / 1e9;
        double answered = (counts.completed() + counts.rejected()) / seconds;
        // Every arrival whose intended start fell in the measurement: answered, failed (never answered included),
        // or dropped.
        double scheduled = (counts.finished() + counts.dropped()) / plannedSeconds;
        LatencySummary latency = LatencySummary.of(measurement.measurement().latency());
        List<String> misses = objective.misses(offeredRatePerSec, scheduled, answered, latency, counts,
                measurement.stoppedEarlyReason());
        return new SaturationStep(step, offeredRatePerSec, scheduled, startedAt, finishedAt, seconds, counts,
                measurement.warmup().counts(), answered, latency,
                LatencySummary.of(measurement.measurement().serviceTime()), measurement.clientCpuMax(),
                misses.isEmpty(), misses,
                measurement.stoppedEarlyReason(), LatencyHistograms.encode(measurement.measurement().latency()),
                LatencyHistograms.encode(measurement.measurement().serviceTime()));
    }
}
