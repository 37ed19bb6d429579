package io.ledgerbench.loadgen.measure;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** The portable form of a histogram: compressed HdrHistogram encoding in base64, as pods export it. */
final class HistogramCodec {

    private HistogramCodec() {
    }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** Decodes text made by {@link #encode}; what names the histogram in the error message. */
    static Histogram decode(String encoded, long lowestDiscernibleValue, String what) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(encoded));
            return Histogram.decodeFromCompressedByteBuffer(buffer, lowestDiscernibleValue);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an encoded " + what + " histogram: " + e.getMessage(), e);
        }
    }
}
