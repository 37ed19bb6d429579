package io.ledgerbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the operator reports about a BenchmarkComparison: its phase, the round in progress and the child
 * BenchmarkRun measuring, the seed every round derives from, and once finished each variant's summary,
 * each ratio to the baseline with its interval, and the verdict. Rebuilt from the children on every
 * reconcile, so a restarted operator carries on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchmarkComparisonStatus(
        ComparisonPhase phase,
        String reason,
        String message,
        Long seed,
        String variantNames,
        String round,
        String currentRun,
        List<String> order,
        List<VariantStatus> variants,
        List<RatioStatus> ratios,
        String bestRatio,
        Boolean valid,
        String verdict,
        String resultsConfigMap,
        Long observedGeneration) {

    /** Where a comparison is; Succeeded and Failed are final. */
    public enum ComparisonPhase {
        Pending, Running, Succeeded, Failed;

        public boolean isFinal() {
            return this == Succeeded || this == Failed;
        }
    }

    /** One variant's rounds summarized; failedRounds name each round that failed or was invalid, with why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VariantStatus(String name, String configuration, String durability, Double throughputMean,
                                List<Double> throughputCi95, Double p99Ms, Integer validRounds,
                                List<String> failedRounds) {
    }

    /** A variant against the baseline: ratios with their 95 % intervals (absent when no round paired up). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RatioStatus(String variant, Double throughputRatio, List<Double> throughputCi95, Double p99Ratio,
                              List<Double> p99Ci95, boolean equalDurability, Integer pairedRounds) {
    }

    public static BenchmarkComparisonStatus pending() {
        return new BenchmarkComparisonStatus(ComparisonPhase.Pending, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }
}
