package io.ledgerbench.loadgen.saturation;

import java.util.OptionalDouble;

/**
 * The search for the highest rate that holds the service objective, as a state machine fed one step at a
 * time: a geometric ramp from the start rate (up while steps hold, down while they fail), then bisection
 * (geometric midpoints) between the last holding and the first failing rate until they are within the
 * resolution. Every failing rate stays above every holding one, so the answer never is a rate that failed.
 */
public final class SaturationSearch {

    /** Below this no step is tried: a search that fails even here has no sustainable rate. */
    static final double MIN_RATE_PER_SEC = 1;

    private final double growthFactor;
    private final double resolution;
    private final int maxSteps;
    private double nextRatePerSec;
    private Double highestHeldPerSec;
    private Double lowestFailedPerSec;
    private int steps;
    private String endReason;

    public SaturationSearch(double startRatePerSec, double growthFactor, double resolution, int maxSteps) {
        if (!(startRatePerSec > 0) || !(growthFactor > 1) || !(resolution > 0) || maxSteps < 1) {
            throw new IllegalArgumentException("start " + startRatePerSec + ", growth " + growthFactor + ", resolution "
                    + resolution + ", steps " + maxSteps);
        }
        this.nextRatePerSec = Math.max(startRatePerSec, MIN_RATE_PER_SEC);
        this.growthFactor = growthFactor;
        this.resolution = resolution;
        this.maxSteps = maxSteps;
    }

    /** The rate of the next step, or empty once the search has ended (see {@link #endReason()}). */
    public OptionalDouble nextRatePerSec() {
        return endReason == null ? OptionalDouble.of(nextRatePerSec) : OptionalDouble.empty();
    }

    /** The outcome of the step run at the rate {@link #nextRatePerSec()} gave. */
    public void record(double ratePerSec, boolean held) {
        if (endReason != null) {
            throw new IllegalStateException("the search has ended: " + endReason);
        }
        steps++;
        if (held) {
            highestHeldPerSec = highestHeldPerSec == null ? ratePerSec : Math.max(highestHeldPerSec, ratePerSec);
        } else {
            lowestFailedPerSec = lowestFailedPerSec == null ? ratePerSec : Math.min(lowestFailedPerSec, ratePerSec);
        }
        if (lowestFailedPerSec == null) {
            nextRatePerSec = highestHeldPerSec * growthFactor;
        } else if (highestHeldPerSec == null) {
            nextRatePerSec = lowestFailedPerSec / growthFactor;
            if (nextRatePerSec < MIN_RATE_PER_SEC) {
                endReason = String.format(java.util.Locale.ROOT, "the objective failed at every rate down to %.1f/s",
                        lowestFailedPerSec);
                return;
            }
        } else if (lowestFailedPerSec <= highestHeldPerSec * (1 + resolution)) {
            endReason = String.format(java.util.Locale.ROOT, "resolution reached: %.1f/s held, %.1f/s failed (within"
                    + " %.1f %%)", highestHeldPerSec, lowestFailedPerSec, resolution * 100);
            return;
        } else {
            nextRatePerSec = Math.sqrt(highestHeldPerSec * lowestFailedPerSec);
        }
        if (steps >= maxSteps) {
            endReason = "step limit reached (" + maxSteps + " steps)" + (lowestFailedPerSec == null
                    ? ": no rate failed yet, the sustainable rate is at least the last one" : "");
        }
    }

    /** Ends the search from outside (the time limit, a database that stopped answering). */
    public void end(String reason) {
        if (endReason == null) {
            endReason = reason;
        }
    }

    /** Why the search ended, or null while it goes on. */
    public String endReason() {
        return endReason;
    }

    /** The highest rate whose step held the objective, if any did. */
    public OptionalDouble sustainableRatePerSec() {
        return highestHeldPerSec == null ? OptionalDouble.empty() : OptionalDouble.of(highestHeldPerSec);
    }

    /** Whether some step failed the objective: without one, the sustainable rate is only a lower bound. */
    public boolean saturationReached() {
        return lowestFailedPerSec != null;
    }
}
