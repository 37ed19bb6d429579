package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.measure.PhaseCounts;
import io.ledgerbench.loadgen.result.LatencySummary;
import io.ledgerbench.loadgen.spec.SaturationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a step must hold to count as sustainable: p99 latency (from each transfer's intended start, so a
 * queue shows) at most p99Ms, at least minAchievedRatio of the offered rate answered, nothing dropped,
 * nothing failed, and the database answering to the end.
 */
public record ServiceObjective(double p99Ms, double minAchievedRatio) {

    public static ServiceObjective of(SaturationSpec saturation) {
        return new ServiceObjective(saturation.p99Bound().toNanos() / 1e6, saturation.minAchievedRatio());
    }

    /**
     * Each way the step missed the objective; empty when it held. The achieved rate is held against the arrivals
     * actually scheduled (scheduledRatePerSec), not the nominal offered rate: Poisson arrivals scatter by about
     * 1/sqrt(count) around it, which alone would fail a 99 % bound at low rates.
     */
    public List<String> misses(double offeredRatePerSec, double scheduledRatePerSec, double achievedRatePerSec,
                               LatencySummary latency, PhaseCounts counts, String stoppedEarlyReason) {
        List<String> misses = new ArrayList<>();
        if (stoppedEarlyReason != null) {
            misses.add("stopped early: " + stoppedEarlyReason);
        }
        if (latency.count() == 0) {
            misses.add("no transfer answered");
        } else if (latency.p99Ms() > p99Ms) {
            misses.add(String.format(Locale.ROOT, "p99 %.2f ms > %.2f ms", latency.p99Ms(), p99Ms));
        }
        if (achievedRatePerSec < minAchievedRatio * scheduledRatePerSec) {
            misses.add(String.format(Locale.ROOT, "achieved %.1f/s < %.1f %% of the %.1f/s scheduled (offered"
                    + " %.1f/s)", achievedRatePerSec, minAchievedRatio * 100, scheduledRatePerSec, offeredRatePerSec));
        }
        if (counts.dropped() > 0) {
            misses.add(counts.dropped() + " dropped");
        }
        if (counts.failed() > 0) {
            misses.add(counts.failed() + " failed");
        }
        return misses;
    }
}
