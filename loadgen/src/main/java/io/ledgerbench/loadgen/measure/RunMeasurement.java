package io.ledgerbench.loadgen.measure;

import io.ledgerbench.loadgen.driver.TransferResult;
import java.util.List;
import java.util.Map;

/**
 * Everything one pod measured in one run: both phases, the measurement window (from the
 * measurement start to the later of its planned end and the last measured answer), the
 * per-second timeline, the client's peak CPU during measurement and how long its JIT compilers
 * worked during it; for a run that ended before its planned end, why (else null); and, when faults
 * were injected, the answers per 100 ms from the run's start (else null).
 */
public record RunMeasurement(
        PhaseMeasurement warmup,
        PhaseMeasurement measurement,
        long measurementWindowNanos,
        long[] answeredPerSecond,
        double clientCpuMax,
        double clientJitSeconds,
        String stoppedEarlyReason,
        long[] answeredPerTenthSecond) {

    /** A measurement without a fine timeline. */
    public RunMeasurement(PhaseMeasurement warmup, PhaseMeasurement measurement, long measurementWindowNanos,
                          long[] answeredPerSecond, double clientCpuMax, double clientJitSeconds,
                          String stoppedEarlyReason) {
        this(warmup, measurement, measurementWindowNanos, answeredPerSecond, clientCpuMax, clientJitSeconds,
                stoppedEarlyReason, null);
    }

    /**
     * One run's measurement from all its pods: both phases added, the window of the longest pod
     * (they start at one barrier instant), the timelines added second by second, and the busiest
     * pod's CPU and JIT time (a saturated or still-warming client anywhere taints the result).
     */
    public static RunMeasurement merge(List<RunMeasurement> pods) {
        if (pods.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one pod's measurement");
        }
        PhaseMeasurement warmup = pods.getFirst().warmup();
        PhaseMeasurement measurement = pods.getFirst().measurement();
        for (RunMeasurement pod : pods.subList(1, pods.size())) {
            warmup = warmup.plus(pod.warmup());
            measurement = measurement.plus(pod.measurement());
        }
        long[] answeredPerSecond = new long[pods.stream().mapToInt(pod -> pod.answeredPerSecond().length).max().orElseThrow()];
        for (RunMeasurement pod : pods) {
            for (int second = 0; second < pod.answeredPerSecond().length; second++) {
                answeredPerSecond[second] += pod.answeredPerSecond()[second];
            }
        }
        return new RunMeasurement(warmup, measurement,
                pods.stream().mapToLong(RunMeasurement::measurementWindowNanos).max().orElseThrow(), answeredPerSecond,
                pods.stream().mapToDouble(RunMeasurement::clientCpuMax).max().orElseThrow(),
                pods.stream().mapToDouble(RunMeasurement::clientJitSeconds).max().orElseThrow(),
                pods.stream().map(RunMeasurement::stoppedEarlyReason).filter(java.util.Objects::nonNull).findFirst()
                        .orElse(null), addedBySlot(pods.stream().map(RunMeasurement::answeredPerTenthSecond).toList()));
    }

    /** The pods' timelines added slot by slot (they share the run's start instant); null if none has one. */
    private static long[] addedBySlot(List<long[]> timelines) {
        List<long[]> present = timelines.stream().filter(java.util.Objects::nonNull).toList();
        if (present.isEmpty()) {
            return null;
        }
        long[] sum = new long[present.stream().mapToInt(timeline -> timeline.length).max().orElseThrow()];
        for (long[] timeline : present) {
            for (int slot = 0; slot < timeline.length; slot++) {
                sum[slot] += timeline[slot];
            }
        }
        return sum;
    }

    /** Completed transfers of both phases: what the database must hold afterwards. */
    public long completedInAllPhases() {
        return warmup.counts().completed() + measurement.counts().completed();
    }

    /** Transfers of both phases sent but never answered: each may or may not be in the database. */
    public long inDoubtInAllPhases() {
        return inDoubt(warmup) + inDoubt(measurement);
    }

    private static long inDoubt(PhaseMeasurement phase) {
        return phase.counts().failuresByReason().entrySet().stream()
                .filter(failures -> TransferResult.isInDoubt(failures.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
