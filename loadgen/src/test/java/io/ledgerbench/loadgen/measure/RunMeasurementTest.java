package io.ledgerbench.loadgen.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RunMeasurementTest {

    @Test
    void mergingAddsCountsAndReasonsOfEveryPod() {
        RunMeasurement merged = RunMeasurement.merge(List.of(Measurements.pod(0, 100, 500, new long[] {50, 50}, 0.2),
                Measurements.pod(1, 300, 900, new long[] {100, 100, 100}, 0.6)));
        PhaseCounts counts = merged.measurement().counts();
        assertThat(counts.completed()).isEqualTo(400);
        assertThat(counts.rejected()).isEqualTo(2);
        assertThat(counts.retriesByReason()).containsEntry("deadlock", 4L);
        assertThat(counts.failuresByReason()).containsEntry("timeout", 2L);
        assertThat(merged.warmup().counts().completed()).isEqualTo(10);
    }

    @Test
    void mergingAddsHistogramsInsteadOfAveragingPercentiles() {
        RunMeasurement merged = RunMeasurement.merge(List.of(Measurements.pod(0, 100, 500, new long[] {1}, 0.2),
                Measurements.pod(1, 300, 900, new long[] {1}, 0.6)));
        Histogram latency = merged.measurement().latency();
        assertThat(latency.getTotalCount()).isEqualTo(400);
        // 3/4 of all transfers took 900 us: the merged p50 is theirs, not the mean of the pods' p50s (700 us).
        assertThat(latency.getValueAtPercentile(50) / 1_000).isBetween(899L, 901L);
        assertThat(merged.measurement().serviceTime().getTotalCount()).isEqualTo(400);
        assertThat(merged.measurement().batchSizes().getTotalCount()).isEqualTo(2);
    }

    @Test
    void theTimelineAddsUpSecondBySecondAndTheWindowIsTheLongestPods() {
        RunMeasurement merged = RunMeasurement.merge(List.of(Measurements.pod(0, 1, 500, new long[] {50, 50}, 0.2),
                Measurements.pod(1, 1, 900, new long[] {100, 100, 100}, 0.6)));
        assertThat(merged.answeredPerSecond()).containsExactly(150, 150, 100);
        assertThat(merged.measurementWindowNanos()).isEqualTo(10_000_000_001L);
    }

    @Test
    void theBusiestClientDecidesSaturation() {
        assertThat(RunMeasurement.merge(List.of(Measurements.pod(0, 1, 500, new long[0], 0.2),
                Measurements.pod(1, 1, 500, new long[0], 0.9))).clientCpuMax()).isEqualTo(0.9);
    }

    @Test
    void theClientLongestInTheJitDecidesWhetherWarmupReachedTheMeasurement() {
        assertThat(RunMeasurement.merge(List.of(Measurements.pod(2, 1, 500, new long[0], 0.2),
                Measurements.pod(1, 1, 500, new long[0], 0.9))).clientJitSeconds()).isEqualTo(0.5);
    }

    @Test
    void aRunWithoutPodsIsRefused() {
        assertThatThrownBy(() -> RunMeasurement.merge(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
