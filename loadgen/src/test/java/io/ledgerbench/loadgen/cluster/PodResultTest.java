package io.ledgerbench.loadgen.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.measure.BatchSizeHistograms;
import io.ledgerbench.loadgen.measure.LatencyHistograms;
import io.ledgerbench.loadgen.measure.PhaseCounts;
import io.ledgerbench.loadgen.measure.PhaseMeasurement;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PodResultTest {

    static PodResult pod(int index, long completed, long latencyMicros, long[] perSecond, double cpu) {
        Histogram latency = LatencyHistograms.newHistogram();
        for (int i = 0; i < completed; i++) {
            latency.recordValue(latencyMicros * 1_000);
        }
        Histogram batches = BatchSizeHistograms.newHistogram();
        batches.recordValue(10 * (index + 1));
        PhaseCounts warmup = new PhaseCounts(5, 0, 0, 0, 0, 0, Map.of(), Map.of());
        PhaseCounts measured = new PhaseCounts(completed, 1, 1, 0, 0, 0, Map.of("deadlock", 2L),
                Map.of("timeout", 1L));
        RunMeasurement measurement = new RunMeasurement(
                new PhaseMeasurement(warmup, LatencyHistograms.newHistogram(), LatencyHistograms.newHistogram(),
                        BatchSizeHistograms.newHistogram()),
                new PhaseMeasurement(measured, latency, latency.copy(), batches),
                10_000_000_000L + index, perSecond, cpu);
        return PodResult.of(1, index, "node-" + index, Instant.parse("2026-11-22T10:00:00Z"),
                Instant.parse("2026-11-22T10:05:00Z"), measurement, "PostgreSQL 18.1", "vertx 4.5.26");
    }

    @Test
    void mergingAddsCountsAndReasonsOfEveryPod() {
        RunMeasurement merged = PodResult.merge(List.of(pod(0, 100, 500, new long[] {50, 50}, 0.2),
                pod(1, 300, 900, new long[] {100, 100, 100}, 0.6)));
        PhaseCounts counts = merged.measurement().counts();
        assertThat(counts.completed()).isEqualTo(400);
        assertThat(counts.rejected()).isEqualTo(2);
        assertThat(counts.retriesByReason()).containsEntry("deadlock", 4L);
        assertThat(counts.failuresByReason()).containsEntry("timeout", 2L);
        assertThat(merged.warmup().counts().completed()).isEqualTo(10);
    }

    @Test
    void mergingAddsHistogramsInsteadOfAveragingPercentiles() {
        RunMeasurement merged = PodResult.merge(List.of(pod(0, 100, 500, new long[] {1}, 0.2),
                pod(1, 300, 900, new long[] {1}, 0.6)));
        Histogram latency = merged.measurement().latency();
        assertThat(latency.getTotalCount()).isEqualTo(400);
        // 3/4 of all transfers took 900 us: the merged p50 is theirs, not the mean of the pods' p50s (700 us).
        assertThat(latency.getValueAtPercentile(50) / 1_000).isBetween(899L, 901L);
        assertThat(merged.measurement().batchSizes().getTotalCount()).isEqualTo(2);
    }

    @Test
    void theTimelineAddsUpSecondBySecondAndTheWindowIsTheLongestPods() {
        RunMeasurement merged = PodResult.merge(List.of(pod(0, 1, 500, new long[] {50, 50}, 0.2),
                pod(1, 1, 900, new long[] {100, 100, 100}, 0.6)));
        assertThat(merged.answeredPerSecond()).containsExactly(150, 150, 100);
        assertThat(merged.measurementWindowNanos()).isEqualTo(10_000_000_001L);
    }

    @Test
    void theBusiestClientDecidesSaturation() {
        assertThat(PodResult.merge(List.of(pod(0, 1, 500, new long[0], 0.2), pod(1, 1, 500, new long[0], 0.9)))
                .clientCpuMax()).isEqualTo(0.9);
    }
}
