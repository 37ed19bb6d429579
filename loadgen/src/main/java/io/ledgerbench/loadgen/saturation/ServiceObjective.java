package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.measure.PhaseCounts;
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

    /** Each way the step missed the objective; empty when it held. */
    public List<String> misses(double offeredRatePerSec, double achievedRatePerSec, double p99LatencyMs,
                               PhaseCounts counts, String stoppedEarlyReason) {
        List<String> misses = new ArrayList<>();
        if (stoppedEarlyReason != null) {
            misses.add("stopped early: " + stoppedEarlyReason);
        }
        if (counts.finished() == 0) {
            misses.add("no transfer answered");
        } else if (p99LatencyMs > p99Ms) {
            misses.add(String.format(Locale.ROOT, "p99 %.2f ms > %.2f ms", p99LatencyMs, p99Ms));
        }
        if (achievedRatePerSec < minAchievedRatio * offeredRatePerSec) {
            misses.add(String.format(Locale.ROOT, "achieved %.1f/s < %.1f %% of %.1f/s", achievedRatePerSec,
                    minAchievedRatio * 100, offeredRatePerSec));
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
