package io.ledgerbench.loadgen.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.result.BatchSizeSummary;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class BatchSizeHistogramsTest {

    @Test
    void aFullTigerBeetleRequestIsRecordedAsItsExactSize() {
        Histogram sizes = BatchSizeHistograms.newHistogram();
        sizes.recordValue(8189);

        BatchSizeSummary summary = BatchSizeSummary.of(sizes);

        assertThat(summary.max()).isEqualTo(8189);
        assertThat(summary.p50()).isEqualTo(8189);
    }

    @Test
    void everySizeUpToTheLargestAllowedBatchIsExact() {
        Histogram sizes = BatchSizeHistograms.newHistogram();
        for (int size : new int[] {1, 999, 1000, 2049, 8190, 32769, 99_999, BatchSizeHistograms.HIGHEST_EXACT_SIZE}) {
            sizes.reset();
            sizes.recordValue(size);
            assertThat(sizes.getMaxValue()).as("size %d", size).isEqualTo(size);
            assertThat(sizes.getMinValue()).as("size %d", size).isEqualTo(size);
        }
    }

    @Test
    void exactSizesSurviveEncodingAndMerging() {
        Histogram podA = BatchSizeHistograms.newHistogram();
        podA.recordValue(8189);
        Histogram podB = BatchSizeHistograms.newHistogram();
        podB.recordValue(8188);

        Histogram merged = BatchSizeHistograms.merge(List.of(
                BatchSizeHistograms.decode(BatchSizeHistograms.encode(podA)),
                BatchSizeHistograms.decode(BatchSizeHistograms.encode(podB))));

        assertThat(merged.getMaxValue()).isEqualTo(8189);
        assertThat(merged.getMinValue()).isEqualTo(8188);
        assertThat(merged.getMean()).isEqualTo(8188.5);
    }

    @Test
    void aPortableFormStaysSmallForAFullRun() {
        Histogram sizes = BatchSizeHistograms.newHistogram();
        for (int size = 1; size <= 8189; size += 7) {
            sizes.recordValue(size);
        }

        assertThat(BatchSizeHistograms.encode(sizes).length()).isLessThan(64 * 1024);
    }
}
