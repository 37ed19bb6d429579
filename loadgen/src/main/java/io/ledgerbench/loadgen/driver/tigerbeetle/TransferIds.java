package io.ledgerbench.loadgen.driver.tigerbeetle;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique 128-bit transfer ids for one driver: the high half is the time the driver opened plus
 * random bits (so pods and runs never collide), the low half counts up from 1 (so ids rise, which
 * TigerBeetle's LSM tree stores best, and are never zero).
 */
final class TransferIds {

    private static final int RANDOM_BITS = 22;

    private final long high;
    private final AtomicLong low = new AtomicLong();

    TransferIds(long openedAtMillis, SecureRandom random) {
        this.high = (openedAtMillis << RANDOM_BITS) | random.nextInt(1 << RANDOM_BITS);
    }

    static TransferIds startingNow() {
        return new TransferIds(System.currentTimeMillis(), new SecureRandom());
    }

    long high() {
        return high;
    }

    /** The low half of the next id. */
    long nextLow() {
        return low.incrementAndGet();
    }
}
