package io.ledgerbench.loadgen.measure;

import io.ledgerbench.loadgen.driver.TransferOutcome;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records one phase of a run from many threads without locks: latency from the intended start,
 * service time from the actual send, outcome counts, and the size of each batch a batching
 * driver sent. {@link #harvest()} folds the recorders'
 * interval histograms into the phase totals, so progress can be read while transfers go on.
 */
public final class PhaseRecorder {

    private final Recorder latencyRecorder = LatencyHistograms.newRecorder();
    private final Recorder serviceTimeRecorder = LatencyHistograms.newRecorder();
    private final Histogram latencyTotal = LatencyHistograms.newHistogram();
    private final Histogram serviceTimeTotal = LatencyHistograms.newHistogram();
    private final Recorder batchSizeRecorder = BatchSizeHistograms.newRecorder();
    private final Histogram batchSizeTotal = BatchSizeHistograms.newHistogram();
    private Histogram latencyInterval;
    private Histogram serviceTimeInterval;
    private Histogram batchSizeInterval;

    private final LongAdder completed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delayedArrivals = new LongAdder();
    private final LongAdder latencyClamped = new LongAdder();
    private final Map<String, LongAdder> retriesByReason = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failuresByReason = new ConcurrentHashMap<>();

    /** Records a finished transfer: latencyNanos from its intended start, serviceTimeNanos from its actual send. */
    public void recordOutcome(TransferOutcome outcome, String failureReason, long latencyNanos, long serviceTimeNanos) {
        if (latencyNanos > LatencyHistograms.HIGHEST_TRACKABLE_NANOS) {
            latencyClamped.increment();
        }
        latencyRecorder.recordValue(LatencyHistograms.clamp(latencyNanos));
        serviceTimeRecorder.recordValue(LatencyHistograms.clamp(serviceTimeNanos));
        switch (outcome) {
            case COMPLETED -> completed.increment();
            case REJECTED -> rejected.increment();
            case FAILED -> {
                failed.increment();
                failuresByReason.computeIfAbsent(failureReason == null ? "unknown" : failureReason,
                        reason -> new LongAdder()).increment();
            }
        }
    }

    /**
     * Records transfers that failed without an answer to time (abandoned at the drain deadline): counted as
     * failed, kept out of the latency histograms, since their latency was never known (a 0 there would pull
     * every percentile down).
     */
    public void recordUnanswered(String failureReason, long transfers) {
        failed.add(transfers);
        failuresByReason.computeIfAbsent(failureReason, reason -> new LongAdder()).add(transfers);
    }

    public void recordRetry(String reason) {
        retriesByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Records one request sent to the database carrying this many transfers. */
    public void recordBatch(int transfers) {
        batchSizeRecorder.recordValue(BatchSizeHistograms.clamp(transfers));
    }

    public void recordDropped() {
        dropped.increment();
    }

    public void recordDelayedArrival() {
        delayedArrivals.increment();
    }

    /** Folds what was recorded since the last harvest into the totals; safe from one thread at a time. */
    public synchronized void harvest() {
        latencyInterval = latencyRecorder.getIntervalHistogram(latencyInterval);
        serviceTimeInterval = serviceTimeRecorder.getIntervalHistogram(serviceTimeInterval);
        batchSizeInterval = batchSizeRecorder.getIntervalHistogram(batchSizeInterval);
        latencyTotal.add(latencyInterval);
        serviceTimeTotal.add(serviceTimeInterval);
        batchSizeTotal.add(batchSizeInterval);
    }

    /** Latency from intended start of everything harvested so far (a copy). */
    public synchronized Histogram latencySoFar() {
        return latencyTotal.copy();
    }

    /** The 99th percentile of latency harvested so far, in nanoseconds. */
    public synchronized long latencyP99NanosSoFar() {
        return latencyTotal.getValueAtPercentile(99.0);
    }

    /** Outcomes counted so far (completed, rejected, failed). */
    public long finishedSoFar() {
        return completed.sum() + rejected.sum() + failed.sum();
    }

    public long completedSoFar() {
        return completed.sum();
    }

    public long rejectedSoFar() {
        return rejected.sum();
    }

    public long failedSoFar() {
        return failed.sum();
    }

    /** Everything recorded, after a final harvest. */
    public synchronized PhaseMeasurement snapshot() {
        harvest();
        PhaseCounts counts = new PhaseCounts(completed.sum(), rejected.sum(), failed.sum(), dropped.sum(),
                delayedArrivals.sum(), latencyClamped.sum(), sums(retriesByReason), sums(failuresByReason));
        return new PhaseMeasurement(counts, latencyTotal.copy(), serviceTimeTotal.copy(), batchSizeTotal.copy());
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new TreeMap<>();
        adders.forEach((reason, adder) -> sums.put(reason, adder.sum()));
        return sums;
    }
}
