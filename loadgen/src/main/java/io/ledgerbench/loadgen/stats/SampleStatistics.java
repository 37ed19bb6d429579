package io.ledgerbench.loadgen.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.TDistribution;

/** Summary statistics of a small sample, as a skeptic expects them: sample stddev and a Student t interval. */
public final class SampleStatistics {

    private static final double CONFIDENCE = 0.95;

    private SampleStatistics() {
    }

    /** Summarizes values (at least one). */
    public static MetricSummary summarize(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
        int n = values.length;
        double mean = Arrays.stream(values).sum() / n;
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        if (n == 1) {
            return new MetricSummary(1, mean, null, null, null, null, min, max);
        }
        double squares = Arrays.stream(values).map(value -> (value - mean) * (value - mean)).sum();
        double stddev = Math.sqrt(squares / (n - 1));
        Double cv = mean == 0 ? null : stddev / Math.abs(mean);
        double halfWidth = tQuantile(n - 1) * stddev / Math.sqrt(n);
        return new MetricSummary(n, mean, stddev, cv, mean - halfWidth, mean + halfWidth, min, max);
    }

    /**
     * Summarizes values of a quantity that cannot be negative (rates, latencies). A t interval whose
     * lower end falls below 0 says nothing such a quantity can be: then there is no interval (null
     * bounds, stddev kept) and readers say that n is too small.
     */
    public static MetricSummary summarizeNonNegative(double... values) {
        MetricSummary summary = summarize(values);
        if (summary.ci95Low() != null && summary.ci95Low() < 0) {
            return new MetricSummary(summary.n(), summary.mean(), summary.stddev(), summary.cv(), null, null,
                    summary.min(), summary.max());
        }
        return summary;
    }

    /** The two-sided 95 % quantile of Student's t with the given degrees of freedom (e.g. 4.303 for 2). */
    public static double tQuantile(int degreesOfFreedom) {
        return TDistribution.of(degreesOfFreedom).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }
}
