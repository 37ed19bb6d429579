package io.ledgerbench.loadgen.driver;

import io.ledgerbench.loadgen.spec.RetrySpec;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter: before retry k (0-based) wait a uniformly random
 * time in [0, min(maxBackoff, initialBackoff x 2^k)], so colliding clients spread out.
 */
public record RetryBackoff(int maxRetries, long initialBackoffNanos, long maxBackoffNanos) {

    public static RetryBackoff of(RetrySpec retry) {
        return new RetryBackoff(retry.maxRetries(), retry.initialBackoffDuration().toNanos(),
                retry.maxBackoffDuration().toNanos());
    }

    /** Whether a transfer that has been retried retriesSoFar times may be retried again. */
    public boolean mayRetry(int retriesSoFar) {
        return retriesSoFar < maxRetries;
    }

    /** The upper bound of the wait before retry number retryIndex (0-based). */
    public long ceilingNanos(int retryIndex) {
        int shift = Math.min(retryIndex, 40);
        long exponential = initialBackoffNanos << shift;
        return exponential < 0 ? maxBackoffNanos : Math.min(maxBackoffNanos, exponential);
    }

    /** A random wait in [0, ceiling] before retry number retryIndex. */
    public long delayNanos(int retryIndex) {
        long ceiling = ceilingNanos(retryIndex);
        return ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}
