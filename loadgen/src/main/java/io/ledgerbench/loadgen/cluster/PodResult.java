package io.ledgerbench.loadgen.cluster;

import io.ledgerbench.loadgen.measure.BatchSizeHistograms;
import io.ledgerbench.loadgen.measure.LatencyHistograms;
import io.ledgerbench.loadgen.measure.PhaseCounts;
import io.ledgerbench.loadgen.measure.PhaseMeasurement;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one load-generator pod measured in one run, in the portable form it stores in its
 * ConfigMap: counts of both phases, the measurement phase's serialized histograms, the
 * per-second timeline, peak client CPU, JIT time during measurement, the versions it saw, and why
 * it stopped early if it did; with spec.network's client round trip, the TCP connects it timed to the
 * database. Warmup keeps counts only
 * (its histograms never reach a result). In saturation mode the top-level figures are the pod's share of the
 * step that stands for the run (at the sustainable rate) and saturation holds its share of the whole search.
 */
public record PodResult(
        int run,
        int podIndex,
        String nodeName,
        Instant startedAt,
        Instant finishedAt,
        PhaseCounts warmupCounts,
        PhaseCounts measurementCounts,
        String latencyHistogram,
        String serviceTimeHistogram,
        String batchSizeHistogram,
        long measurementWindowNanos,
        long[] answeredPerSecond,
        double clientCpuMax,
        double clientJitSeconds,
        String serverVersion,
        String clientVersion,
        String stoppedEarlyReason,
        PodSaturation saturation,
        long[] answeredPerTenthSecond,
        String connectRoundTripHistogram) {

    public static PodResult of(int run, int podIndex, String nodeName, Instant startedAt, Instant finishedAt,
                               RunMeasurement measurement, String serverVersion, String clientVersion) {
        PhaseMeasurement measured = measurement.measurement();
        return new PodResult(run, podIndex, nodeName, startedAt, finishedAt, measurement.warmup().counts(),
                measured.counts(), LatencyHistograms.encode(measured.latency()),
                LatencyHistograms.encode(measured.serviceTime()),
                BatchSizeHistograms.encodeUnlessEmpty(measured.batchSizes()),
                measurement.measurementWindowNanos(), measurement.answeredPerSecond(), measurement.clientCpuMax(),
                measurement.clientJitSeconds(), serverVersion, clientVersion, measurement.stoppedEarlyReason(), null,
                measurement.answeredPerTenthSecond(), null);
    }

    /** This pod's result with its share of a whole saturation search. */
    public PodResult withSaturation(PodSaturation search) {
        return new PodResult(run, podIndex, nodeName, startedAt, finishedAt, warmupCounts, measurementCounts,
                latencyHistogram, serviceTimeHistogram, batchSizeHistogram, measurementWindowNanos, answeredPerSecond,
                clientCpuMax, clientJitSeconds, serverVersion, clientVersion, stoppedEarlyReason, search,
                answeredPerTenthSecond, connectRoundTripHistogram);
    }

    /** This pod's result with the TCP connects it timed to the database (spec.network's client round trip). */
    public PodResult withConnectRoundTrips(String histogram) {
        return new PodResult(run, podIndex, nodeName, startedAt, finishedAt, warmupCounts, measurementCounts,
                latencyHistogram, serviceTimeHistogram, batchSizeHistogram, measurementWindowNanos, answeredPerSecond,
                clientCpuMax, clientJitSeconds, serverVersion, clientVersion, stoppedEarlyReason, saturation,
                answeredPerTenthSecond, histogram);
    }

    /** Transfers this pod completed that the database must hold: of the run, or of its whole search. */
    public long completedInAllPhases() {
        return all().stream().mapToLong(RunMeasurement::completedInAllPhases).sum();
    }

    /** Transfers this pod sent and never saw answered: of the run, or of its whole search. */
    public long inDoubtInAllPhases() {
        return all().stream().mapToLong(RunMeasurement::inDoubtInAllPhases).sum();
    }

    private java.util.List<RunMeasurement> all() {
        if (saturation == null) {
            return java.util.List.of(measurement());
        }
        java.util.List<RunMeasurement> all = new java.util.ArrayList<>(saturation.steps().stream()
                .map(step -> step.measured().measurement()).toList());
        if (saturation.probe() != null) {
            all.add(saturation.probe().measured().measurement());
        }
        return all;
    }

    /**
     * The measurement back from its portable form, to merge with the other pods'
     * ({@link RunMeasurement#merge}). Warmup comes back as counts with empty histograms.
     */
    public RunMeasurement measurement() {
        PhaseMeasurement warmup = new PhaseMeasurement(warmupCounts, LatencyHistograms.newHistogram(),
                LatencyHistograms.newHistogram(), BatchSizeHistograms.newHistogram());
        PhaseMeasurement measured = new PhaseMeasurement(measurementCounts, LatencyHistograms.decode(latencyHistogram),
                LatencyHistograms.decode(serviceTimeHistogram), BatchSizeHistograms.decodeOrEmpty(batchSizeHistogram));
        return new RunMeasurement(warmup, measured, measurementWindowNanos, answeredPerSecond, clientCpuMax,
                clientJitSeconds, stoppedEarlyReason, answeredPerTenthSecond);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PodResult that && run == that.run && podIndex == that.podIndex
                && Objects.equals(nodeName, that.nodeName) && Objects.equals(startedAt, that.startedAt)
                && Objects.equals(finishedAt, that.finishedAt) && warmupCounts.equals(that.warmupCounts)
                && measurementCounts.equals(that.measurementCounts)
                && latencyHistogram.equals(that.latencyHistogram)
                && serviceTimeHistogram.equals(that.serviceTimeHistogram)
                && Objects.equals(batchSizeHistogram, that.batchSizeHistogram)
                && measurementWindowNanos == that.measurementWindowNanos
                && Arrays.equals(answeredPerSecond, that.answeredPerSecond)
                && Double.compare(clientCpuMax, that.clientCpuMax) == 0
                && Double.compare(clientJitSeconds, that.clientJitSeconds) == 0
                && Objects.equals(serverVersion, that.serverVersion) && Objects.equals(clientVersion, that.clientVersion)
                && Objects.equals(stoppedEarlyReason, that.stoppedEarlyReason)
                && Objects.equals(saturation, that.saturation)
                && Arrays.equals(answeredPerTenthSecond, that.answeredPerTenthSecond)
                && Objects.equals(connectRoundTripHistogram, that.connectRoundTripHistogram);
    }

    @Override
    public int hashCode() {
        return Objects.hash(run, podIndex, startedAt, measurementCounts, Arrays.hashCode(answeredPerSecond));
    }

    @Override
    public String toString() {
        return "PodResult[run=" + run + ", pod=" + podIndex + ", node=" + nodeName + ", counts=" + measurementCounts + "]";
    }
}
