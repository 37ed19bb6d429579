package io.ledgerbench.loadgen.result;

import org.HdrHistogram.Histogram;

/** How many transfers each request to the database carried: the real batch sizes of a batching driver. */
public record BatchSizeSummary(long batches, double mean, long p50, long p99, long max) {

    /** The summary of a batch-size histogram, or null when no batch was sent (one transfer per request). */
    public static BatchSizeSummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return null;
        }
        return new BatchSizeSummary(histogram.getTotalCount(), histogram.getMean(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }
}
