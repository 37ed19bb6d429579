package io.ledgerbench.loadgen.comparison;

import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.result.ResultCalculator;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.result.ValidityWarning;
import io.ledgerbench.loadgen.spec.DatabaseSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.stats.PairedRatios;
import io.ledgerbench.loadgen.stats.RatioEstimate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns every variant's runs (run r = round r) into the comparison's result: per-variant summaries,
 * ratios to the baseline from the rounds both ran validly, and the verdict, which speaks only of a
 * pair of equal durability and says "no measurable difference" when the interval spans 1.
 */
public final class ComparisonCalculator {

    private ComparisonCalculator() {
    }

    /** runsByVariant: each variant's run results (run number = round), every variant having run every round. */
    public static ComparisonResult compare(BenchmarkComparison comparison, long seed, List<String> order,
                                           Map<String, List<RunResult>> runsByVariant) {
        return compare(comparison, seed, order, runsByVariant, Map.of());
    }

    /**
     * runsByVariant: each variant's run results, run number = round (a round may be missing);
     * failedRounds: per variant, the rounds that produced no result, each with why (e.g. its BenchmarkRun failed).
     * A variant without any result has no aggregate; its failures say why.
     */
    public static ComparisonResult compare(BenchmarkComparison comparison, long seed, List<String> order,
                                           Map<String, List<RunResult>> runsByVariant,
                                           Map<String, List<String>> failedRounds) {
        List<VariantSummary> summaries = new ArrayList<>();
        for (Variant variant : comparison.variants()) {
            List<RunResult> runs = runsByVariant.getOrDefault(variant.name(), List.of());
            List<String> problems = new ArrayList<>(failedRounds.getOrDefault(variant.name(), List.of()));
            problems.addAll(invalidRounds(runs));
            // The headline figures come from the valid rounds only, like the ratios; invalid ones are listed.
            List<RunResult> valid = runs.stream().filter(RunResult::valid).toList();
            summaries.add(new VariantSummary(variant.name(), variant.name().equals(comparison.baseline()),
                    configuration(variant.run().spec().database()), variant.run().spec().database().engine(),
                    DurabilityLevel.of(variant.run().spec().database()),
                    valid.isEmpty() ? null : ResultCalculator.aggregate(valid), valid.size(), problems));
        }
        VariantSummary baseline = summaries.stream().filter(VariantSummary::baseline).findFirst().orElseThrow();
        List<RunResult> baselineRuns = runsByVariant.getOrDefault(baseline.name(), List.of());
        List<VariantRatio> ratios = new ArrayList<>();
        for (VariantSummary variant : summaries) {
            if (!variant.baseline()) {
                ratios.add(ratio(variant, runsByVariant.getOrDefault(variant.name(), List.of()), baseline, baselineRuns,
                        comparison.rounds()));
            }
        }
        return new ComparisonResult(comparison.name(), comparison.baseline(), comparison.rounds(), seed,
                ComparisonSchedule.roundSeeds(seed, comparison.rounds()), order, summaries, ratios, RatioEstimate.METHOD,
                verdict(summaries, ratios, baseline));
    }

    /**
     * A single BenchmarkRun's runs as a one-variant result (no ratios), so it gets the same report: its
     * "verdict" is its mean throughput with the interval and whether it is valid.
     */
    public static ComparisonResult single(List<RunResult> runs) {
        AggregateResult aggregate = ResultCalculator.aggregate(runs);
        DatabaseSpec database = aggregate.spec().database();
        VariantSummary variant = new VariantSummary(aggregate.name(), true, configuration(database),
                database.engine(), DurabilityLevel.of(database), aggregate, validRounds(runs), invalidRounds(runs));
        String figure = aggregate.sustainableRatePerSec() != null
                ? "a sustainable rate of " + ComparisonTable.meanWithInterval(aggregate.sustainableRatePerSec())
                + " transfers per second at p99 <= " + aggregate.spec().workload().saturation().p99()
                : ComparisonTable.meanWithInterval(aggregate.throughputPerSec()) + " transfers per second";
        String verdict = aggregate.name() + ": " + figure + " over " + runs.size()
                + (runs.size() == 1 ? " run" : " runs") + ", " + (aggregate.valid() ? "VALID" : "INVALID") + " ("
                + DurabilityLevel.of(database).shortLabel() + ").";
        List<String> order = runs.stream().map(run -> "run " + run.run() + ": seed " + run.seed()).toList();
        return new ComparisonResult(aggregate.name(), aggregate.name(), runs.size(), aggregate.seed(),
                runs.stream().map(RunResult::seed).toList(), order, List.of(variant), List.of(), RatioEstimate.METHOD,
                verdict);
    }

    private static int validRounds(List<RunResult> runs) {
        return (int) runs.stream().filter(RunResult::valid).count();
    }

    private static List<String> invalidRounds(List<RunResult> runs) {
        return runs.stream().filter(run -> !run.valid())
                .map(run -> "round " + run.run() + ": " + run.warnings().stream().filter(ValidityWarning::invalidating)
                        .map(ValidityWarning::message).collect(Collectors.joining("; ")))
                .toList();
    }

    private static VariantRatio ratio(VariantSummary variant, List<RunResult> runs, VariantSummary baseline,
                                      List<RunResult> baselineRuns, int rounds) {
        Map<Integer, RunResult> byRound = byRound(runs);
        Map<Integer, RunResult> baselineByRound = byRound(baselineRuns);
        List<Double> throughput = new ArrayList<>();
        List<Double> baselineThroughput = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> baselineP99 = new ArrayList<>();
        List<Double> sustainable = new ArrayList<>();
        List<Double> baselineSustainable = new ArrayList<>();
        List<String> lowerBounds = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            RunResult run = byRound.get(round);
            RunResult base = baselineByRound.get(round);
            if (run == null || base == null) {
                excluded.add("round " + round + ": " + (run == null ? variant.name() : baseline.name())
                        + " has no result");
                continue;
            }
            if (!run.valid() || !base.valid()) {
                excluded.add("round " + round + ": " + (!run.valid() ? variant.name() : baseline.name())
                        + " was invalid");
                continue;
            }
            if (!(run.throughputPerSec() > 0 && base.throughputPerSec() > 0 && run.latencyMs().p99Ms() > 0
                    && base.latencyMs().p99Ms() > 0)) {
                excluded.add("round " + round + ": a throughput or p99 of 0 has no ratio");
                continue;
            }
            throughput.add(run.throughputPerSec());
            baselineThroughput.add(base.throughputPerSec());
            if (run.saturation() != null && base.saturation() != null
                    && run.saturation().sustainableRatePerSec() != null
                    && base.saturation().sustainableRatePerSec() != null) {
                if (!run.saturation().saturationReached() || !base.saturation().saturationReached()) {
                    lowerBounds.add("round " + round + ": " + (!run.saturation().saturationReached() ? variant.name()
                            : baseline.name()) + "'s search never failed a rate, so its sustainable rate is only a"
                            + " lower bound: no ratio of sustainable rates");
                }
                sustainable.add(run.saturation().sustainableRatePerSec());
                baselineSustainable.add(base.saturation().sustainableRatePerSec());
            }
            p99.add(run.latencyMs().p99Ms());
            baselineP99.add(base.latencyMs().p99Ms());
        }
        RatioEstimate throughputRatio = throughput.isEmpty() ? null
                : PairedRatios.estimate(array(throughput), array(baselineThroughput));
        RatioEstimate p99Ratio = p99.isEmpty() ? null : PairedRatios.estimate(array(p99), array(baselineP99));
        // A lower bound divided by a measured rate is no ratio of capacities: none then, and the rounds say why.
        excluded.addAll(lowerBounds);
        RatioEstimate sustainableRatio = sustainable.isEmpty() || sustainable.size() != throughput.size()
                || !lowerBounds.isEmpty() ? null : PairedRatios.estimate(array(sustainable), array(baselineSustainable));
        return new VariantRatio(variant.name(), baseline.name(), throughputRatio, p99Ratio, sustainableRatio,
                variant.durability().sameAs(baseline.durability()), excluded);
    }

    private static Map<Integer, RunResult> byRound(List<RunResult> runs) {
        Map<Integer, RunResult> byRound = new java.util.HashMap<>();
        runs.forEach(run -> byRound.put(run.run(), run));
        return byRound;
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The verdict sentence: the fairest pair (equal durability, a different engine first, then the largest difference). */
    static String verdict(List<VariantSummary> summaries, List<VariantRatio> ratios, VariantSummary baseline) {
        Optional<VariantRatio> fairest = ratios.stream()
                .filter(ratio -> ratio.equalDurability() && ratio.headline() != null)
                .max(Comparator.<VariantRatio>comparingInt(ratio -> engine(summaries, ratio.variant())
                                == engine(summaries, baseline.name()) ? 0 : 1)
                        .thenComparingDouble(ratio -> Math.abs(Math.log(ratio.headline().ratio()))));
        if (fairest.isEmpty()) {
            boolean anyEqual = ratios.stream().anyMatch(VariantRatio::equalDurability);
            return anyEqual
                    ? "No verdict: the variants of equal durability to " + baseline.name() + " have no valid round"
                            + " paired with it."
                    : "No verdict: no variant has the durability of " + baseline.name() + " ("
                            + baseline.durability().shortLabel() + "), so every ratio compares unlike configurations.";
        }
        VariantRatio ratio = fairest.get();
        RatioEstimate throughput = ratio.headline();
        String noun = ratio.headlineNoun();
        String durability = "equal durability: " + baseline.durability().shortLabel();
        if (throughput.ci95Low() == null) {
            return ratio.variant() + " reached " + times(throughput.ratio()) + " the " + noun + " of " + baseline.name()
                    + " in the one valid round (" + durability + "); one round has no interval: run more rounds for"
                    + " a verdict.";
        }
        String interval = times(throughput.ratio()) + " [" + times(throughput.ci95Low()) + ", "
                + times(throughput.ci95High()) + "]";
        if (!throughput.measurableDifference()) {
            return "No measurable difference in " + noun + " between " + ratio.variant() + " and " + baseline.name()
                    + ": " + interval + ", an interval that spans 1 (" + durability + ").";
        }
        return ratio.variant() + " is " + interval + " the " + noun + " of " + baseline.name() + " (" + durability + ").";
    }

    private static EngineType engine(List<VariantSummary> summaries, String name) {
        return summaries.stream().filter(summary -> summary.name().equals(name)).findFirst().orElseThrow()
                .engine();
    }

    /** A ratio as "21.4x" (two decimals below 10). */
    public static String times(double ratio) {
        return String.format(Locale.ROOT, ratio < 10 ? "%.2fx" : "%.1fx", ratio);
    }

    /** What a variant's database is, in a few words. */
    static String configuration(DatabaseSpec database) {
        if (database.engine() == EngineType.TIGERBEETLE) {
            return "tigerbeetle, " + database.replicas() + (database.replicas() == 1 ? " replica" : " replicas");
        }
        var postgresql = database.postgresql();
        String nodes = database.replicas() == 1 ? "1 node" : database.replicas() + " nodes, ANY "
                + postgresql.synchronousStandbys();
        return "postgresql " + postgresql.mode().specValue() + ", " + nodes + ", synchronous_commit="
                + postgresql.synchronousCommit().specValue() + ", " + postgresql.isolationLevel().specValue();
    }
}
