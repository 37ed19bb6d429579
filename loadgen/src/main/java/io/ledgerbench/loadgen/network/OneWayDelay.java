package io.ledgerbench.loadgen.network;

import java.time.Duration;
import java.util.SplittableRandom;

/** A one-way delay of delayNanos varied uniformly within +/- jitterNanos (never below 0). */
public record OneWayDelay(long delayNanos, long jitterNanos) {

    public OneWayDelay {
        if (delayNanos < 0 || jitterNanos < 0 || jitterNanos > delayNanos) {
            throw new IllegalArgumentException("a one-way delay needs 0 <= jitter <= delay (got " + delayNanos + " ns +/- "
                    + jitterNanos + " ns)");
        }
    }

    /** Half of roundTrip each way, varied by jitter. */
    public static OneWayDelay halfOf(Duration roundTrip, Duration jitter) {
        return partOf(roundTrip, 2, jitter);
    }

    /**
     * One of parts equal crossings that make up half of roundTrip's way (1/parts of the round trip each), with the
     * jitter of a one-way trip shared alike (2/parts of it); no jitter where no delay is added.
     */
    public static OneWayDelay partOf(Duration roundTrip, int parts, Duration jitter) {
        long delayNanos = roundTrip.toNanos() / parts;
        long jitterNanos = jitter.toNanos() * 2 / parts;
        return new OneWayDelay(delayNanos, jitterNanos <= delayNanos ? jitterNanos : 0);
    }

    public boolean isZero() {
        return delayNanos == 0;
    }

    /** One sample of the delay. */
    public long sampleNanos(SplittableRandom random) {
        return jitterNanos == 0 ? delayNanos : delayNanos - jitterNanos + random.nextLong(2 * jitterNanos + 1);
    }
}
