package io.ledgerbench.loadgen.comparison;

import io.ledgerbench.loadgen.stats.RatioEstimate;
import java.util.List;

/**
 * A variant against the baseline from the rounds both ran validly: throughput ratio and p99 ratio
 * with their intervals (null when no round pairs up), the ratio of sustainable rates at the same service
 * objective (saturation mode only, else null), whether their durability is equal, and the rounds left out
 * with why.
 */
public record VariantRatio(
        String variant,
        String baseline,
        RatioEstimate throughput,
        RatioEstimate p99,
        RatioEstimate sustainableRate,
        boolean equalDurability,
        List<String> excludedRounds) {

    public VariantRatio {
        excludedRounds = List.copyOf(excludedRounds);
    }

    /**
     * The ratio a verdict speaks of: of sustainable rates where the rounds searched for them (the rate each
     * engine holds the objective at), else of throughput.
     */
    public RatioEstimate headline() {
        return sustainableRate != null ? sustainableRate : throughput;
    }

    /** What {@link #headline()} is a ratio of, in words. */
    public String headlineNoun() {
        return sustainableRate != null ? "sustainable rate" : "throughput";
    }
}
