package io.ledgerbench.loadgen.result;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram, in milliseconds. */
public record LatencySummary(long count, double meanMs, double p50Ms, double p95Ms, double p99Ms, double p999Ms,
                             double maxMs) {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(histogram.getTotalCount(),
                histogram.getMean() / NANOS_PER_MILLI,
                histogram.getValueAtPercentile(50) / NANOS_PER_MILLI,
                histogram.getValueAtPercentile(95) / NANOS_PER_MILLI,
                histogram.getValueAtPercentile(99) / NANOS_PER_MILLI,
                histogram.getValueAtPercentile(99.9) / NANOS_PER_MILLI,
                histogram.getMaxValue() / NANOS_PER_MILLI);
    }
}
