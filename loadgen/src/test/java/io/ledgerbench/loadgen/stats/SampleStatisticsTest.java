package io.ledgerbench.loadgen.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleStatisticsTest {

    @Test
    void threeRunsMatchHandComputedValues() {
        // mean 12; sample variance ((4 + 0 + 4) / 2) = 4, stddev 2; CV 2/12;
        // t(0.975, 2) = 4.302653; half width = 4.302653 * 2 / sqrt(3) = 4.968275
        MetricSummary summary = SampleStatistics.summarize(10, 12, 14);
        assertThat(summary.n()).isEqualTo(3);
        assertThat(summary.mean()).isEqualTo(12.0);
        assertThat(summary.stddev()).isCloseTo(2.0, within(1e-12));
        assertThat(summary.cv()).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(summary.ci95Low()).isCloseTo(12 - 4.968275, within(1e-5));
        assertThat(summary.ci95High()).isCloseTo(12 + 4.968275, within(1e-5));
        assertThat(summary.min()).isEqualTo(10.0);
        assertThat(summary.max()).isEqualTo(14.0);
    }

    @Test
    void tenRunsMatchHandComputedValues() {
        // 1..10: mean 5.5; sum of squares 82.5, variance 82.5 / 9 = 9.1667, stddev 3.027650;
        // t(0.975, 9) = 2.262157; half width = 2.262157 * 3.027650 / sqrt(10) = 2.165852
        MetricSummary summary = SampleStatistics.summarize(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(summary.mean()).isEqualTo(5.5);
        assertThat(summary.stddev()).isCloseTo(3.027650, within(1e-6));
        assertThat(summary.cv()).isCloseTo(3.027650 / 5.5, within(1e-6));
        assertThat(summary.ci95Low()).isCloseTo(5.5 - 2.165852, within(1e-5));
        assertThat(summary.ci95High()).isCloseTo(5.5 + 2.165852, within(1e-5));
    }

    @Test
    void studentTQuantilesMatchTables() {
        assertThat(SampleStatistics.tQuantile(2)).isCloseTo(4.302653, within(1e-6));
        assertThat(SampleStatistics.tQuantile(9)).isCloseTo(2.262157, within(1e-6));
        assertThat(SampleStatistics.tQuantile(30)).isCloseTo(2.042272, within(1e-6));
    }

    @Test
    void oneRunHasNoSpreadAndNoInterval() {
        MetricSummary summary = SampleStatistics.summarize(42);
        assertThat(summary.mean()).isEqualTo(42.0);
        assertThat(summary.stddev()).isNull();
        assertThat(summary.cv()).isNull();
        assertThat(summary.ci95Low()).isNull();
    }

    @Test
    void identicalRunsHaveZeroWidthInterval() {
        MetricSummary summary = SampleStatistics.summarize(5, 5, 5);
        assertThat(summary.stddev()).isZero();
        assertThat(summary.ci95Low()).isEqualTo(5.0);
        assertThat(summary.ci95High()).isEqualTo(5.0);
    }

    @Test
    void twoWildRunsOfARateGiveNoIntervalRatherThanANegativeOne() {
        // mean 93127, stddev 46849; t(0.975, 1) = 12.706 puts the lower end at about -327791.
        MetricSummary summary = SampleStatistics.summarizeNonNegative(60_000, 126_254);
        assertThat(SampleStatistics.summarize(60_000, 126_254).ci95Low()).isNegative();
        assertThat(summary.ci95Low()).isNull();
        assertThat(summary.ci95High()).isNull();
        assertThat(summary.stddev()).isPositive();
        assertThat(summary.tooFewRunsForAnInterval()).isTrue();
    }

    @Test
    void aNonNegativeQuantityKeepsAnIntervalThatStaysAboveZero() {
        MetricSummary summary = SampleStatistics.summarizeNonNegative(10, 12, 14);
        assertThat(summary.ci95Low()).isCloseTo(12 - 4.968275, within(1e-5));
        assertThat(summary.tooFewRunsForAnInterval()).isFalse();
    }
}
