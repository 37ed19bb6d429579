package io.ledgerbench.loadgen.measure;

import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.driver.TransferResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Records one run: a {@link PhaseRecorder} per phase, the per-second timeline, transfers in
 * flight and the time of the last measured answer. Each transfer is recorded under the phase in
 * which it was meant to start, so no warmup transfer reaches the results.
 */
public final class RunRecorder {

    /** Failure reason of a transfer sent but not answered by the drain deadline. */
    public static final String UNANSWERED = TransferResult.UNANSWERED;
    /** Failure reason of an arrival never sent because the drain deadline came first. */
    public static final String NOT_SENT = "not_sent_at_drain_deadline";

    private final Map<Phase, PhaseRecorder> phases = new EnumMap<>(Phase.class);
    private final MeasurementObserver observer;
    private volatile ThroughputTimeline timeline = new ThroughputTimeline(System.nanoTime(), 1);
    private volatile long fineBucketNanos;
    private volatile ThroughputTimeline fineTimeline;
    private volatile LongFunction<Phase> phaseAtNanos = nanos -> Phase.WARMUP;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong lastMeasuredAnswerNanos = new AtomicLong(Long.MIN_VALUE);
    private final Object giveUpLock = new Object();
    private String gaveUpReason;
    private Consumer<String> giveUpHandler = reason -> { };

    public RunRecorder(MeasurementObserver observer) {
        for (Phase phase : Phase.values()) {
            phases.put(phase, new PhaseRecorder());
        }
        this.observer = observer;
    }

    /**
     * Starts the run's clock: the timeline spans timelineSeconds from startNanos, and phaseAtNanos
     * tells which phase a moment belongs to (used for retries, which happen inside drivers).
     */
    public void start(long startNanos, int timelineSeconds, LongFunction<Phase> phaseAtNanos) {
        this.timeline = new ThroughputTimeline(startNanos, timelineSeconds);
        if (fineBucketNanos > 0) {
            this.fineTimeline = new ThroughputTimeline(startNanos,
                    (int) Math.min(Integer.MAX_VALUE, timelineSeconds * 1_000_000_000L / fineBucketNanos), fineBucketNanos);
        }
        this.phaseAtNanos = phaseAtNanos;
    }

    /** Also keeps a timeline of bucketNanos buckets (call before {@link #start}): faults need gaps finer than a second. */
    public void keepFineTimeline(long bucketNanos) {
        this.fineBucketNanos = bucketNanos;
    }

    /** Ends the run early with a reason, as the driver does when it gives up on the database. */
    public void endRun(String reason) {
        gaveUp(reason);
    }

    /** Who ends the run when the driver gives up on the database; told at once if it already has. */
    public void onGiveUp(Consumer<String> handler) {
        String reason;
        synchronized (giveUpLock) {
            giveUpHandler = handler;
            reason = gaveUpReason;
        }
        if (reason != null) {
            handler.accept(reason);
        }
    }

    private void gaveUp(String reason) {
        Consumer<String> handler;
        synchronized (giveUpLock) {
            if (gaveUpReason != null) {
                return;
            }
            gaveUpReason = reason;
            handler = giveUpHandler;
        }
        handler.accept(reason);
    }

    public PhaseRecorder phase(Phase phase) {
        return phases.get(phase);
    }

    /** Called when a transfer is sent. */
    public void sent() {
        observer.inFlight(inFlight.incrementAndGet());
    }

    /** Records the answer to a transfer meant to start at intendedStartNanos, sent at sentNanos, answered at answeredNanos. */
    public void answered(Phase phase, TransferResult result, long intendedStartNanos, long sentNanos, long answeredNanos) {
        observer.inFlight(inFlight.decrementAndGet());
        long latencyNanos = answeredNanos - intendedStartNanos;
        long serviceTimeNanos = answeredNanos - sentNanos;
        phases.get(phase).recordOutcome(result.outcome(), result.failureReason(), latencyNanos, serviceTimeNanos);
        if (result.outcome() != TransferOutcome.FAILED) {
            timeline.record(answeredNanos);
            ThroughputTimeline fine = fineTimeline;
            if (fine != null) {
                fine.record(answeredNanos);
            }
        }
        if (phase == Phase.MEASUREMENT) {
            lastMeasuredAnswerNanos.accumulateAndGet(answeredNanos, Math::max);
        }
        observer.outcome(phase, result.outcome(), latencyNanos, serviceTimeNanos);
    }

    /**
     * Records transfers sent but not answered when the run gave up waiting: they count as failed,
     * and as in doubt for the invariant check, since each may still have committed. Their latency is unknown:
     * they stay out of the histograms.
     */
    public void abandonedInFlight(Phase phase, long transfers) {
        abandoned(phase, transfers, UNANSWERED);
        observer.inFlight(inFlight.addAndGet((int) -transfers));
    }

    /** Records transfers still waiting to be sent when the run gave up: failed, and certainly not applied. */
    public void abandonedUnsent(Phase phase, long transfers) {
        abandoned(phase, transfers, NOT_SENT);
    }

    private void abandoned(Phase phase, long transfers, String reason) {
        phases.get(phase).recordUnanswered(reason, transfers);
        observer.unanswered(phase, transfers);
    }

    public void dropped(Phase phase) {
        phases.get(phase).recordDropped();
        observer.dropped(phase);
    }

    public void delayedArrival(Phase phase) {
        phases.get(phase).recordDelayedArrival();
    }

    /** Counts driver retries and batches under the phase current when they happen. */
    public DriverListener driverListener() {
        return new DriverListener() {
            @Override
            public void retried(String reason) {
                Phase phase = phaseAtNanos.apply(System.nanoTime());
                phases.get(phase).recordRetry(reason);
                observer.retry(phase, reason);
            }

            @Override
            public void batchSent(int transfers) {
                Phase phase = phaseAtNanos.apply(System.nanoTime());
                phases.get(phase).recordBatch(transfers);
                observer.batch(phase, transfers);
            }

            @Override
            public void gaveUp(String reason) {
                RunRecorder.this.gaveUp(reason);
            }
        };
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** When the last measured transfer was answered, or empty if none was. */
    public java.util.OptionalLong lastMeasuredAnswerNanos() {
        long last = lastMeasuredAnswerNanos.get();
        return last == Long.MIN_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(last);
    }

    public ThroughputTimeline timeline() {
        return timeline;
    }

    /** The fine timeline, or null unless {@link #keepFineTimeline} was asked for. */
    public ThroughputTimeline fineTimeline() {
        return fineTimeline;
    }

    /** The fine timeline's bucket, or 0 when none is kept. */
    public long fineBucketNanos() {
        return fineBucketNanos;
    }

    /** Harvests every phase recorder (call from one thread, e.g. once a second). */
    public void harvest() {
        phases.values().forEach(PhaseRecorder::harvest);
    }
}
