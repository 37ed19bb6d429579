package io.ledgerbench.loadgen.schedule;

import io.ledgerbench.loadgen.measure.Phase;
import java.time.Duration;

/** The timeline of one run in System.nanoTime terms: warmup, measurement, and how long to wait for stragglers. */
public record RunClock(long startNanos, long measurementStartNanos, long endNanos, long drainDeadlineNanos) {

    /** A clock starting at startNanos. */
    public static RunClock startingAt(long startNanos, Duration warmup, Duration measurement, Duration drainTimeout) {
        long measurementStart = startNanos + warmup.toNanos();
        long end = measurementStart + measurement.toNanos();
        return new RunClock(startNanos, measurementStart, end, end + drainTimeout.toNanos());
    }

    /** The phase a transfer meant to start at nanos belongs to; after the end, still measurement. */
    public Phase phaseAt(long nanos) {
        return nanos < measurementStartNanos ? Phase.WARMUP : Phase.MEASUREMENT;
    }

    /** Whether no new transfer may start at nanos. */
    public boolean isOver(long nanos) {
        return nanos >= endNanos;
    }

    public long measurementNanos() {
        return endNanos - measurementStartNanos;
    }

    public int totalSeconds() {
        return (int) Math.ceil((drainDeadlineNanos - startNanos) / 1e9) + 1;
    }
}
