package io.ledgerbench.loadgen.comparison;

import java.util.List;

/**
 * A finished comparison, as comparison.json holds it: the order it ran in, each variant's summary, each
 * variant's ratios to the baseline, how the intervals were computed, and the verdict sentence.
 */
public record ComparisonResult(
        String name,
        String baseline,
        int rounds,
        long seed,
        List<Long> roundSeeds,
        List<String> order,
        List<VariantSummary> variants,
        List<VariantRatio> ratios,
        String ratioMethod,
        String verdict) {

    public ComparisonResult {
        roundSeeds = List.copyOf(roundSeeds);
        order = List.copyOf(order);
        variants = List.copyOf(variants);
        ratios = List.copyOf(ratios);
    }

    public VariantSummary variant(String name) {
        return variants.stream().filter(variant -> variant.name().equals(name)).findFirst().orElseThrow();
    }
}
