package io.ledgerbench.loadgen.measure;

import java.util.concurrent.atomic.AtomicLongArray;

/** Transfers answered (completed or rejected) in each second since the run started. */
public final class ThroughputTimeline {

    private final AtomicLongArray perSecond;
    private final long startNanos;

    public ThroughputTimeline(long startNanos, int seconds) {
        this.startNanos = startNanos;
        this.perSecond = new AtomicLongArray(Math.max(1, seconds));
    }

    /** Counts one answered transfer at time nowNanos; times beyond the timeline land in its last second. */
    public void record(long nowNanos) {
        long second = Math.max(0, (nowNanos - startNanos) / 1_000_000_000L);
        perSecond.incrementAndGet((int) Math.min(second, perSecond.length() - 1));
    }

    /** Answered transfers per second, for the first seconds of the run. */
    public long[] counts(int seconds) {
        long[] counts = new long[Math.min(seconds, perSecond.length())];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = perSecond.get(i);
        }
        return counts;
    }
}
