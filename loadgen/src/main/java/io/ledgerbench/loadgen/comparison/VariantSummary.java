package io.ledgerbench.loadgen.comparison;

import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.spec.EngineType;
import java.util.List;

/**
 * One variant of a comparison: what it is (engine, durability), its rounds' results summarized as for a
 * BenchmarkRun (mean, spread and 95 % interval per metric, pooled latency; null when no round produced a
 * result), how many rounds gave a valid result, and which did not, with why (shown, and left out of every
 * ratio).
 */
public record VariantSummary(
        String name,
        boolean baseline,
        String configuration,
        EngineType engine,
        DurabilityLevel durability,
        AggregateResult aggregate,
        int validRounds,
        List<String> invalidRounds) {

    public VariantSummary {
        invalidRounds = List.copyOf(invalidRounds);
    }
}
