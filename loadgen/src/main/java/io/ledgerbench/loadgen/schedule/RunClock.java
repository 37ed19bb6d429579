package io.ledgerbench.loadgen.schedule;

import io.ledgerbench.loadgen.measure.Phase;
import java.time.Duration;
import java.util.Optional;

/**
 * The timeline of one run in System.nanoTime terms: warmup, measurement, and how long to wait for
 * stragglers. A run may be stopped early (the driver gave up on the database): from then on no new
 * transfer starts, and the reason stays with the clock for the result.
 */
public final class RunClock {

    private final long startNanos;
    private final long measurementStartNanos;
    private final long endNanos;
    private final long drainDeadlineNanos;
    private volatile long stoppedAtNanos = Long.MAX_VALUE;
    private volatile String stopReason;

    public RunClock(long startNanos, long measurementStartNanos, long endNanos, long drainDeadlineNanos) {
        this.startNanos = startNanos;
        this.measurementStartNanos = measurementStartNanos;
        this.endNanos = endNanos;
        this.drainDeadlineNanos = drainDeadlineNanos;
    }

    /** A clock starting at startNanos. */
    public static RunClock startingAt(long startNanos, Duration warmup, Duration measurement, Duration drainTimeout) {
        long measurementStart = startNanos + warmup.toNanos();
        long end = measurementStart + measurement.toNanos();
        return new RunClock(startNanos, measurementStart, end, end + drainTimeout.toNanos());
    }

    /**
     * Ends the run at nowNanos for this reason (the first stop counts). A stop during the drain, after the
     * planned end, still marks the run (the database gave up answering) but leaves its window as planned.
     */
    public synchronized void stopEarly(long nowNanos, String reason) {
        if (stopReason == null) {
            stopReason = reason;
            stoppedAtNanos = Math.min(nowNanos, endNanos);
        }
    }

    /** Why the run was stopped (or its database given up on, during the drain), if it was. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** The phase a transfer meant to start at nanos belongs to; after the end, still measurement. */
    public Phase phaseAt(long nanos) {
        return nanos < measurementStartNanos ? Phase.WARMUP : Phase.MEASUREMENT;
    }

    /** Whether no new transfer may start at nanos: the planned end has come, or the run was stopped. */
    public boolean isOver(long nanos) {
        return nanos >= endNanos || stopReason != null;
    }

    /** The planned end, or the moment the run was stopped if that came first. */
    public long effectiveEndNanos() {
        return Math.min(endNanos, stoppedAtNanos);
    }

    public long startNanos() {
        return startNanos;
    }

    public long measurementStartNanos() {
        return measurementStartNanos;
    }

    public long endNanos() {
        return endNanos;
    }

    public long drainDeadlineNanos() {
        return drainDeadlineNanos;
    }

    public long measurementNanos() {
        return endNanos - measurementStartNanos;
    }

    public int totalSeconds() {
        return (int) Math.ceil((drainDeadlineNanos - startNanos) / 1e9) + 1;
    }
}
