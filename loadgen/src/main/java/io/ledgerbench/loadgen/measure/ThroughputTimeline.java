package io.ledgerbench.loadgen.measure;

import java.util.concurrent.atomic.AtomicLongArray;

/** Transfers answered (completed or rejected) in each bucket (a second unless told) since the run started. */
public final class ThroughputTimeline {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final AtomicLongArray perBucket;
    private final long startNanos;
    private final long bucketNanos;

    public ThroughputTimeline(long startNanos, int seconds) {
        this(startNanos, seconds, SECOND_NANOS);
    }

    /** A timeline of buckets of bucketNanos each. */
    public ThroughputTimeline(long startNanos, int buckets, long bucketNanos) {
        this.startNanos = startNanos;
        this.bucketNanos = bucketNanos;
        this.perBucket = new AtomicLongArray(Math.max(1, buckets));
    }

    /** Counts one answered transfer at time nowNanos; times beyond the timeline land in its last bucket. */
    public void record(long nowNanos) {
        long bucket = Math.max(0, (nowNanos - startNanos) / bucketNanos);
        perBucket.incrementAndGet((int) Math.min(bucket, perBucket.length() - 1));
    }

    /** Answered transfers per bucket, for the first buckets of the run. */
    public long[] counts(int buckets) {
        long[] counts = new long[Math.min(buckets, perBucket.length())];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = perBucket.get(i);
        }
        return counts;
    }
}
