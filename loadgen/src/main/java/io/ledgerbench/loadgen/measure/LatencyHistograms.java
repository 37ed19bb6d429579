package io.ledgerbench.loadgen.measure;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The one histogram shape every latency uses (nanoseconds, 1 us to 60 s, 3 significant digits)
 * and its portable form: compressed, base64-encoded HdrHistogram, which pods export and
 * aggregation decodes and adds.
 */
public final class LatencyHistograms {

    public static final long LOWEST_DISCERNIBLE_NANOS = 1_000L;
    public static final long HIGHEST_TRACKABLE_NANOS = 60_000_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    private LatencyHistograms() {
    }

    public static Histogram newHistogram() {
        return new Histogram(LOWEST_DISCERNIBLE_NANOS, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    public static Recorder newRecorder() {
        return new Recorder(LOWEST_DISCERNIBLE_NANOS, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /** The value to record: latencies beyond the trackable maximum are recorded at the maximum. */
    public static long clamp(long latencyNanos) {
        return Math.max(0, Math.min(latencyNanos, HIGHEST_TRACKABLE_NANOS));
    }

    /** Compressed, base64 text of the histogram. */
    public static String encode(Histogram histogram) {
        return HistogramCodec.encode(histogram);
    }

    /** The histogram encoded by {@link #encode}. */
    public static Histogram decode(String encoded) {
        return HistogramCodec.decode(encoded, LOWEST_DISCERNIBLE_NANOS, "latency");
    }

    /** One histogram holding every value of the parts: merged by adding counts, never by averaging percentiles. */
    public static Histogram merge(Iterable<Histogram> parts) {
        Histogram merged = newHistogram();
        for (Histogram part : parts) {
            merged.add(part);
        }
        return merged;
    }
}
