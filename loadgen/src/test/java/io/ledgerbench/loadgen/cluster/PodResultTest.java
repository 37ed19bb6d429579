package io.ledgerbench.loadgen.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.measure.Measurements;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodResultTest {

    static PodResult pod(int index, long completed, long latencyMicros, long[] perSecond, double cpu) {
        return PodResult.of(1, index, "node-" + index, Instant.parse("2026-11-22T10:00:00Z"),
                Instant.parse("2026-11-22T10:05:00Z"), Measurements.pod(index, completed, latencyMicros, perSecond, cpu),
                "PostgreSQL 18.1", "vertx 4.5.26");
    }

    @Test
    void thePortableFormGivesBackTheMeasurementPhase() {
        RunMeasurement original = Measurements.pod(1, 300, 900, new long[] {100, 200}, 0.6);
        RunMeasurement restored = pod(1, 300, 900, new long[] {100, 200}, 0.6).measurement();
        assertThat(restored.measurement().counts()).isEqualTo(original.measurement().counts());
        assertThat(restored.measurement().latency()).isEqualTo(original.measurement().latency());
        assertThat(restored.measurement().serviceTime()).isEqualTo(original.measurement().serviceTime());
        assertThat(restored.measurement().batchSizes()).isEqualTo(original.measurement().batchSizes());
        assertThat(restored.answeredPerSecond()).containsExactly(100, 200);
        assertThat(restored.measurementWindowNanos()).isEqualTo(original.measurementWindowNanos());
        assertThat(restored.clientCpuMax()).isEqualTo(0.6);
        assertThat(restored.clientJitSeconds()).isEqualTo(0.25);
    }

    @Test
    void warmupKeepsItsCountsButNoHistograms() {
        RunMeasurement restored = pod(0, 10, 500, new long[] {10}, 0.1).measurement();
        assertThat(restored.warmup().counts().completed()).isEqualTo(5);
        assertThat(restored.warmup().latency().getTotalCount()).isZero();
    }

    @Test
    void aDriverWithoutBatchesStoresNoBatchHistogram() {
        RunMeasurement unbatched = Measurements.pod(0, 10, 500, new long[] {10}, 0.1);
        unbatched.measurement().batchSizes().reset();
        PodResult result = PodResult.of(1, 0, "n", Instant.EPOCH, Instant.EPOCH, unbatched, "s", "c");
        assertThat(result.batchSizeHistogram()).isNull();
        assertThat(result.measurement().measurement().batchSizes().getTotalCount()).isZero();
    }

    @Test
    void theFineTimelineOfARunWithFaultsTravelsWithThePodsResult() throws Exception {
        RunMeasurement measured = Measurements.pod(0, 10, 500, new long[] {10}, 0.1);
        RunMeasurement withTimeline = new RunMeasurement(measured.warmup(), measured.measurement(),
                measured.measurementWindowNanos(), measured.answeredPerSecond(), measured.clientCpuMax(),
                measured.clientJitSeconds(), null, new long[] {3, 0, 0, 4});
        PodResult result = PodResult.of(1, 0, "n", Instant.EPOCH, Instant.EPOCH, withTimeline, "s", "c");
        String json = io.ledgerbench.loadgen.result.ResultsWriter.json().writeValueAsString(result);
        PodResult back = io.ledgerbench.loadgen.result.ResultsWriter.json().readValue(json, PodResult.class);
        assertThat(back.measurement().answeredPerTenthSecond()).containsExactly(3, 0, 0, 4);
    }
}
