package io.ledgerbench.loadgen.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyHistogramsTest {

    @Test
    void mergingEqualsOneHistogramOfTheUnion() {
        SplittableRandom random = new SplittableRandom(7);
        Histogram union = LatencyHistograms.newHistogram();
        Histogram fast = LatencyHistograms.newHistogram();
        Histogram slow = LatencyHistograms.newHistogram();
        for (int i = 0; i < 50_000; i++) {
            long fastNanos = random.nextLong(1_000, 2_000_000);
            long slowNanos = random.nextLong(5_000_000, 900_000_000);
            fast.recordValue(fastNanos);
            slow.recordValue(slowNanos);
            union.recordValue(fastNanos);
            union.recordValue(slowNanos);
        }
        Histogram merged = LatencyHistograms.merge(List.of(fast, slow));
        assertThat(merged).isEqualTo(union);
        for (double percentile : new double[] {50, 90, 99, 99.9, 100}) {
            assertThat(merged.getValueAtPercentile(percentile)).isEqualTo(union.getValueAtPercentile(percentile));
        }
        // The average of the parts' p99 is not the p99 of the whole: why merging must add counts.
        double averaged = (fast.getValueAtPercentile(99) + slow.getValueAtPercentile(99)) / 2.0;
        assertThat(averaged).isNotEqualTo((double) union.getValueAtPercentile(99));
    }

    @Test
    void encodingRoundTripsEveryCount() {
        Histogram histogram = LatencyHistograms.newHistogram();
        for (long nanos = 1_000; nanos < 10_000_000_000L; nanos *= 3) {
            histogram.recordValue(nanos);
        }
        assertThat(LatencyHistograms.decode(LatencyHistograms.encode(histogram))).isEqualTo(histogram);
    }

    @Test
    void decodedHistogramsMergeLikeTheOriginals() {
        Histogram a = LatencyHistograms.newHistogram();
        Histogram b = LatencyHistograms.newHistogram();
        a.recordValue(5_000);
        b.recordValue(7_000_000);
        Histogram viaText = LatencyHistograms.merge(List.of(
                LatencyHistograms.decode(LatencyHistograms.encode(a)), LatencyHistograms.decode(LatencyHistograms.encode(b))));
        assertThat(viaText).isEqualTo(LatencyHistograms.merge(List.of(a, b)));
    }

    @Test
    void garbageIsNotAHistogram() {
        assertThatThrownBy(() -> LatencyHistograms.decode("bm90IGEgaGlzdG9ncmFt"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latenciesBeyondSixtySecondsAreClampedAndCounted() {
        PhaseRecorder recorder = new PhaseRecorder();
        recorder.recordOutcome(io.ledgerbench.loadgen.driver.TransferOutcome.COMPLETED, null, 90_000_000_000L, 1_000_000);
        PhaseMeasurement snapshot = recorder.snapshot();
        assertThat(snapshot.counts().latencyClamped()).isEqualTo(1);
        assertThat(snapshot.latency().getMaxValue()).isGreaterThanOrEqualTo(59_000_000_000L);
    }
}
