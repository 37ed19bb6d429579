package io.ledgerbench.loadgen.measure;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The one histogram shape for batch sizes (transfers per request, 1 to 1,000,000, exact up to
 * 2048) and its portable form, so pods' batch sizes can be merged like their latencies.
 */
public final class BatchSizeHistograms {

    private static final long HIGHEST_TRACKABLE_SIZE = 1_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;

    private BatchSizeHistograms() {
    }

    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_SIZE, SIGNIFICANT_DIGITS);
    }

    public static Recorder newRecorder() {
        return new Recorder(1, HIGHEST_TRACKABLE_SIZE, SIGNIFICANT_DIGITS);
    }

    static long clamp(int transfers) {
        return Math.max(1, Math.min(transfers, HIGHEST_TRACKABLE_SIZE));
    }

    /** Compressed, base64 text of the histogram. */
    public static String encode(Histogram histogram) {
        return HistogramCodec.encode(histogram);
    }

    /** The portable form, or null when no batch was sent (drivers that send one transfer per request). */
    public static String encodeUnlessEmpty(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? null : encode(histogram);
    }

    /** The histogram encoded by {@link #encodeUnlessEmpty}: empty for null. */
    public static Histogram decodeOrEmpty(String encoded) {
        return encoded == null ? newHistogram() : decode(encoded);
    }

    /** The histogram encoded by {@link #encode}. */
    public static Histogram decode(String encoded) {
        return HistogramCodec.decode(encoded, 1, "batch-size");
    }

    /** One histogram holding every batch of the parts. */
    public static Histogram merge(Iterable<Histogram> parts) {
        Histogram merged = newHistogram();
        for (Histogram part : parts) {
            merged.add(part);
        }
        return merged;
    }
}
