package io.ledgerbench.loadgen.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The paired ratio and its interval, against values computed by hand. */
class PairedRatiosTest {

    @Test
    void threeRoundsGiveTheGeometricMeanRatioAndATIntervalOnTheLogs() {
        // Ratios 2, 2.5, 2.2: logs 0.693147, 0.916291, 0.788457; mean 0.799298 -> exp 2.223980;
        // sample sd 0.111966; t(0.975, 2) = 4.302653; half width 4.302653 * 0.111966 / sqrt 3 = 0.278139
        // -> [exp 0.521159, exp 1.077437] = [1.683979, 2.937144].
        RatioEstimate estimate = PairedRatios.estimate(new double[] {200, 250, 220}, new double[] {100, 100, 100});
        assertThat(estimate.pairs()).isEqualTo(3);
        assertThat(estimate.ratio()).isCloseTo(2.223980, within(1e-5));
        assertThat(estimate.ci95Low()).isCloseTo(1.683979, within(1e-5));
        assertThat(estimate.ci95High()).isCloseTo(2.937144, within(1e-5));
        assertThat(estimate.measurableDifference()).isTrue();
    }

    @Test
    void tenRoundsNarrowTheInterval() {
        // Ratios alternate 1.10 and 1.20: logs 0.0953102 and 0.1823216, mean 0.1388159 -> 1.148913;
        // sd of the logs 0.0458590 (n = 10); t(0.975, 9) = 2.262157; half width 0.0328056
        // -> [exp 0.1060103, exp 0.1716215] = [1.111833, 1.187228].
        double[] variant = new double[10];
        double[] baseline = new double[10];
        for (int i = 0; i < 10; i++) {
            baseline[i] = 1000 + 10 * i;
            variant[i] = baseline[i] * (i % 2 == 0 ? 1.10 : 1.20);
        }
        RatioEstimate estimate = PairedRatios.estimate(variant, baseline);
        assertThat(estimate.ratio()).isCloseTo(1.148913, within(1e-5));
        assertThat(estimate.ci95Low()).isCloseTo(1.111833, within(1e-5));
        assertThat(estimate.ci95High()).isCloseTo(1.187228, within(1e-5));
    }

    @Test
    void anIntervalThatSpansOneIsNoMeasurableDifference() {
        RatioEstimate estimate = PairedRatios.estimate(new double[] {105, 96, 101}, new double[] {100, 100, 100});
        assertThat(estimate.ci95Low()).isLessThan(1);
        assertThat(estimate.ci95High()).isGreaterThan(1);
        assertThat(estimate.measurableDifference()).isFalse();
    }

    @Test
    void theIntervalOfARatioIsNeverNegativeEvenFromTwoWildRounds() {
        RatioEstimate estimate = PairedRatios.estimate(new double[] {10, 1000}, new double[] {100, 100});
        assertThat(estimate.ci95Low()).isPositive();
    }

    @Test
    void oneRoundHasARatioButNoInterval() {
        RatioEstimate estimate = PairedRatios.estimate(new double[] {300}, new double[] {100});
        assertThat(estimate.ratio()).isCloseTo(3.0, within(1e-12));
        assertThat(estimate.ci95Low()).isNull();
        assertThat(estimate.measurableDifference()).isFalse();
    }

    @Test
    void aRoundThatMeasuredNothingIsRefused() {
        assertThatThrownBy(() -> PairedRatios.estimate(new double[] {0, 10}, new double[] {5, 5}))
                .hasMessageContaining("round 1");
    }
}
