package io.ledgerbench.loadgen.measure;

import io.ledgerbench.loadgen.spec.SpecValidator;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The one histogram shape for batch sizes (transfers per request, 1 to {@link #HIGHEST_EXACT_SIZE},
 * every size recorded exactly: they are small integers, and a report of "max 8191" for requests that
 * hold at most 8189 is wrong) and its portable form, so pods' batch sizes merge like their latencies.
 */
public final class BatchSizeHistograms {

    /** The largest batch any driver sends (PostgreSQL's batchSize limit; TigerBeetle's is 8189). */
    public static final int HIGHEST_EXACT_SIZE = SpecValidator.MAX_BATCH_SIZE;
    /** Five digits: HdrHistogram keeps every value below 2^18 in a bucket of its own. */
    private static final int SIGNIFICANT_DIGITS = 5;

    private BatchSizeHistograms() {
    }

    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_EXACT_SIZE, SIGNIFICANT_DIGITS);
    }

    public static Recorder newRecorder() {
        return new Recorder(1, HIGHEST_EXACT_SIZE, SIGNIFICANT_DIGITS);
    }

    static long clamp(int transfers) {
        return Math.max(1, Math.min(transfers, HIGHEST_EXACT_SIZE));
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
