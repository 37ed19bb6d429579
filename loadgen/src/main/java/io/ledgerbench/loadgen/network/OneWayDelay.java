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
        return new OneWayDelay(roundTrip.toNanos() / 2, jitter.toNanos());
    }

    public boolean isZero() {
        return delayNanos == 0;
    }

    /** One sample of the delay. */
    public long sampleNanos(SplittableRandom random) {
        return jitterNanos == 0 ? delayNanos : delayNanos - jitterNanos + random.nextLong(2 * jitterNanos + 1);
    }
}
