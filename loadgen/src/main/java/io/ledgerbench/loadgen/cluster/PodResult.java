package io.ledgerbench.loadgen.cluster;

import io.ledgerbench.loadgen.measure.BatchSizeHistograms;
import io.ledgerbench.loadgen.measure.LatencyHistograms;
import io.ledgerbench.loadgen.measure.PhaseCounts;
import io.ledgerbench.loadgen.measure.PhaseMeasurement;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What one load-generator pod measured in one run, in the portable form it stores in its
 * ConfigMap: counts of both phases, the measurement phase's serialized histograms, the
 * per-second timeline, peak client CPU, and the versions it saw. Warmup keeps counts only
 * (its histograms never reach a result). {@link #merge} adds pods together: histograms by
 * adding counts, never by averaging percentiles.
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
        String serverVersion,
        String clientVersion) {

    public static PodResult of(int run, int podIndex, String nodeName, Instant startedAt, Instant finishedAt,
                               RunMeasurement measurement, String serverVersion, String clientVersion) {
        PhaseMeasurement measured = measurement.measurement();
        return new PodResult(run, podIndex, nodeName, startedAt, finishedAt, measurement.warmup().counts(),
                measured.counts(), LatencyHistograms.encode(measured.latency()),
                LatencyHistograms.encode(measured.serviceTime()),
                measured.batchSizes().getTotalCount() == 0 ? null : BatchSizeHistograms.encode(measured.batchSizes()),
                measurement.measurementWindowNanos(), measurement.answeredPerSecond(), measurement.clientCpuMax(),
                serverVersion, clientVersion);
    }

    /**
     * One run's measurement from all its pods: counts and histograms added, the window of the
     * longest pod (they start at one barrier instant), the timelines added second by second, and
     * the busiest pod's CPU (a saturated client anywhere taints the result).
     */
    public static RunMeasurement merge(List<PodResult> pods) {
        if (pods.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one pod result");
        }
        PhaseCounts warmup = pods.getFirst().warmupCounts();
        PhaseCounts measured = pods.getFirst().measurementCounts();
        for (PodResult pod : pods.subList(1, pods.size())) {
            warmup = warmup.plus(pod.warmupCounts());
            measured = measured.plus(pod.measurementCounts());
        }
        Histogram latency = LatencyHistograms.merge(pods.stream().map(PodResult::latencyHistogram)
                .map(LatencyHistograms::decode).toList());
        Histogram serviceTime = LatencyHistograms.merge(pods.stream().map(PodResult::serviceTimeHistogram)
                .map(LatencyHistograms::decode).toList());
        Histogram batchSizes = BatchSizeHistograms.merge(pods.stream().map(PodResult::batchSizeHistogram)
                .filter(Objects::nonNull).map(BatchSizeHistograms::decode).toList());
        int seconds = pods.stream().mapToInt(pod -> pod.answeredPerSecond().length).max().orElse(0);
        long[] answeredPerSecond = new long[seconds];
        for (PodResult pod : pods) {
            for (int second = 0; second < pod.answeredPerSecond().length; second++) {
                answeredPerSecond[second] += pod.answeredPerSecond()[second];
            }
        }
        PhaseMeasurement warmupPhase = new PhaseMeasurement(warmup, LatencyHistograms.newHistogram(),
                LatencyHistograms.newHistogram(), BatchSizeHistograms.newHistogram());
        return new RunMeasurement(warmupPhase, new PhaseMeasurement(measured, latency, serviceTime, batchSizes),
                pods.stream().mapToLong(PodResult::measurementWindowNanos).max().orElseThrow(), answeredPerSecond,
                pods.stream().mapToDouble(PodResult::clientCpuMax).max().orElseThrow());
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
                && Objects.equals(serverVersion, that.serverVersion) && Objects.equals(clientVersion, that.clientVersion);
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
