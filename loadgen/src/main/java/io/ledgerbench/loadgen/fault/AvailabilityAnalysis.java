package io.ledgerbench.loadgen.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's fine timeline (answered transfers per {@link #BUCKET_NANOS}, from the run's start) around
 * its faults: the longest gap with no answer in the measurement, and per fault the answer rate before,
 * while its node was down, and after its restart.
 */
public final class AvailabilityAnalysis {

    /** The fine timeline's resolution: a gap is known to within it. */
    public static final long BUCKET_NANOS = 100_000_000L;
    /** An answer this soon after a fault may be one the node gave before it went: not evidence of commits going on. */
    static final long SETTLE_NANOS = 500_000_000L;

    private AvailabilityAnalysis() {
    }

    /**
     * answeredPerBucket counts from the run's start; the measurement starts measurementStartNanos after it and
     * lasts windowNanos; the faults' times are from the measurement's start.
     */
    public static FaultsResult analyse(long[] answeredPerBucket, long measurementStartNanos, long windowNanos,
                                       List<AppliedFault> faults) {
        return analyse(answeredPerBucket, BUCKET_NANOS, measurementStartNanos, windowNanos, faults);
    }

    /** As {@link #analyse(long[], long, long, List)} on a timeline of buckets of bucketNanos (a coarser one). */
    public static FaultsResult analyse(long[] answeredPerBucket, long bucketNanos, long measurementStartNanos,
                                       long windowNanos, List<AppliedFault> faults) {
        int first = (int) (measurementStartNanos / bucketNanos);
        int end = (int) Math.min(answeredPerBucket.length, (measurementStartNanos + windowNanos) / bucketNanos);
        int longest = 0;
        int longestStart = first;
        int run = 0;
        for (int bucket = first; bucket < end; bucket++) {
            run = answeredPerBucket[bucket] == 0 ? run + 1 : 0;
            if (run > longest) {
                longest = run;
                longestStart = bucket - run + 1;
            }
        }
        List<FaultOutcome> outcomes = new ArrayList<>();
        for (AppliedFault fault : faults) {
            outcomes.add(outcome(answeredPerBucket, bucketNanos, measurementStartNanos, first, end, fault));
        }
        return new FaultsResult(bucketNanos / 1e9, longest * bucketNanos / 1e9,
                (longestStart - first) * bucketNanos / 1e9, outcomes, null);
    }

    private static FaultOutcome outcome(long[] timeline, long bucketNanos, long measurementStartNanos, int first,
                                        int end, AppliedFault fault) {
        Double restarted = seconds(fault.restartedAtNanos());
        if (fault.appliedAtNanos() == null) {
            return new FaultOutcome(fault.node(), fault.action(), fault.plannedAtNanos() / 1e9, null, null,
                    fault.expectation().explanation(), fault.expectation().keepsCommitting(), null, null, null, null,
                    null, fault.detail(), fault.error());
        }
        // Buckets count from the run's start: the measurement need not start on a bucket's edge.
        int applied = (int) ((measurementStartNanos + fault.appliedAtNanos()) / bucketNanos);
        int back = fault.restartedAtNanos() == null ? end
                : Math.min(end, (int) ((measurementStartNanos + fault.restartedAtNanos()) / bucketNanos));
        int settled = (int) ((measurementStartNanos + fault.appliedAtNanos() + SETTLE_NANOS + bucketNanos - 1)
                / bucketNanos);
        Boolean kept = settled >= back ? null : sum(timeline, settled, back) > 0;
        Integer firstAnswer = null;
        for (int bucket = applied + 1; bucket < end && firstAnswer == null; bucket++) {
            if (timeline[bucket] > 0) {
                firstAnswer = bucket;
            }
        }
        return new FaultOutcome(fault.node(), fault.action(), fault.plannedAtNanos() / 1e9,
                fault.appliedAtNanos() / 1e9, restarted, fault.expectation().explanation(),
                fault.expectation().keepsCommitting(), kept, rate(timeline, bucketNanos, first, applied),
                rate(timeline, bucketNanos, applied, back),
                fault.restartedAtNanos() == null ? null : rate(timeline, bucketNanos, back, end),
                firstAnswer == null ? null : (firstAnswer - applied) * bucketNanos / 1e9, fault.detail(),
                fault.error());
    }

    private static Double rate(long[] timeline, long bucketNanos, int from, int to) {
        return to <= from ? null : sum(timeline, from, to) / ((to - from) * (bucketNanos / 1e9));
    }

    private static long sum(long[] timeline, int from, int to) {
        long total = 0;
        for (int bucket = Math.max(0, from); bucket < Math.min(to, timeline.length); bucket++) {
            total += timeline[bucket];
        }
        return total;
    }

    private static Double seconds(Long nanos) {
        return nanos == null ? null : nanos / 1e9;
    }
}
