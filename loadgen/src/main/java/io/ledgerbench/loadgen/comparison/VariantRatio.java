package io.ledgerbench.loadgen.comparison;

import io.ledgerbench.loadgen.stats.RatioEstimate;
import java.util.List;

/**
 * A variant against the baseline from the rounds both ran validly: throughput ratio and p99 ratio
 * with their intervals (null when no round pairs up), whether their durability is equal, and the
 * rounds left out with why.
 */
public record VariantRatio(
        String variant,
        String baseline,
        RatioEstimate throughput,
        RatioEstimate p99,
        boolean equalDurability,
        List<String> excludedRounds) {

    public VariantRatio {
        excludedRounds = List.copyOf(excludedRounds);
    }
}
