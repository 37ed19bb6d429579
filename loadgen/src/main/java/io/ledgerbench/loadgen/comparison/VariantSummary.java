package io.ledgerbench.loadgen.comparison;

import io.ledgerbench.loadgen.result.AggregateResult;
import java.util.List;

/**
 * One variant of a comparison: what it is (engine, durability), its rounds' results summarized as for a
 * BenchmarkRun (mean, spread and 95 % interval per metric, pooled latency), and which rounds were
 * invalid, with why (they are shown, and left out of every ratio).
 */
public record VariantSummary(
        String name,
        boolean baseline,
        String configuration,
        DurabilityLevel durability,
        AggregateResult aggregate,
        List<String> invalidRounds) {

    public VariantSummary {
        invalidRounds = List.copyOf(invalidRounds);
    }
}
