package io.ledgerbench.loadgen.comparison;

import io.ledgerbench.loadgen.resources.ResourceSummary;
import io.ledgerbench.loadgen.result.LatencySummary;
import io.ledgerbench.loadgen.stats.MetricSummary;
import io.ledgerbench.loadgen.stats.RatioEstimate;
import java.util.Locale;

/** The comparison as a console table: one row per variant, its ratios to the baseline, then the verdict. */
public final class ComparisonTable {

    private ComparisonTable() {
    }

    public static String render(ComparisonResult result) {
        StringBuilder out = new StringBuilder();
        out.append("== ledgerbench comparison: ").append(result.name()).append(" (baseline: ").append(result.baseline())
                .append(", ").append(result.rounds()).append(result.rounds() == 1 ? " round" : " rounds")
                .append(", seed ").append(result.seed()).append(") ==\n");
        for (String round : result.order()) {
            out.append("  ").append(round).append('\n');
        }
        out.append('\n');
        String format = "%-16s %-26s %7s %7s %8s %-28s %-28s %-34s %s%n";
        out.append(String.format(Locale.ROOT, format, "variant", "TPS mean [95% CI]", "p50 ms", "p99 ms", "p99.9 ms",
                "TPS ratio [95% CI]", "p99 ratio [95% CI]", "durability", "valid rounds"));
        for (VariantSummary variant : result.variants()) {
            if (variant.aggregate() == null) {
                out.append(String.format(Locale.ROOT, "%-16s no round produced a result%n", variant.name()));
                continue;
            }
            LatencySummary pooled = variant.aggregate().pooledLatencyMs();
            VariantRatio ratio = result.ratios().stream().filter(r -> r.variant().equals(variant.name())).findFirst()
                    .orElse(null);
            int valid = variant.validRounds();
            out.append(String.format(Locale.ROOT, format, variant.name(), meanWithInterval(variant.aggregate()
                            .throughputPerSec()), num(pooled.p50Ms()), num(pooled.p99Ms()), num(pooled.p999Ms()),
                    variant.baseline() ? "baseline" : ratio(ratio == null ? null : ratio.throughput()),
                    variant.baseline() ? "baseline" : ratio(ratio == null ? null : ratio.p99()),
                    variant.durability().shortLabel(), valid + "/" + result.rounds()));
        }
        if (result.variants().stream().anyMatch(variant -> variant.aggregate() != null
                && variant.aggregate().sustainableRatePerSec() != null)) {
            out.append('\n').append(sustainableRates(result));
        }
        if (result.variants().stream().anyMatch(variant -> variant.aggregate() != null
                && variant.aggregate().resources() != null)) {
            out.append('\n').append(costs(result));
        }
        out.append('\n');
        for (VariantSummary variant : result.variants()) {
            out.append(String.format(Locale.ROOT, "%-16s %s; durability: %s%n", variant.name(), variant.configuration(),
                    variant.durability().label()));
            for (String invalid : variant.invalidRounds()) {
                out.append("  left out of the ratios: ").append(invalid).append('\n');
            }
        }
        out.append('\n').append("ratios: ").append(result.ratioMethod()).append('\n');
        out.append("verdict: ").append(result.verdict()).append('\n');
        return out.toString();
    }

    /** Saturation mode: each variant's sustainable rate at the objective, the p99 there, the ratio to the baseline. */
    static String sustainableRates(ComparisonResult result) {
        StringBuilder out = new StringBuilder("the highest rate each variant sustained at the service objective"
                + " (saturation search; mean [95% CI] over its valid rounds)\n");
        String format = "%-16s %-30s %-22s %s%n";
        out.append(String.format(Locale.ROOT, format, "variant", "sustainable/s [95% CI]", "p99 there ms (pooled)",
                "ratio [95% CI]"));
        for (VariantSummary variant : result.variants()) {
            MetricSummary sustainable = variant.aggregate() == null ? null : variant.aggregate().sustainableRatePerSec();
            if (sustainable == null) {
                out.append(String.format(Locale.ROOT, "%-16s none found%n", variant.name()));
                continue;
            }
            VariantRatio ratio = result.ratios().stream().filter(r -> r.variant().equals(variant.name())).findFirst()
                    .orElse(null);
            out.append(String.format(Locale.ROOT, format, variant.name(), meanWithInterval(sustainable),
                    num(variant.aggregate().p99AtSustainableMs()),
                    variant.baseline() ? "baseline" : ratio(ratio == null ? null : ratio.sustainableRate())));
        }
        return out.toString();
    }

    /** Where each variant's database spends: per completed transfer, mean over rounds; "-" where not measured. */
    static String costs(ComparisonResult result) {
        StringBuilder out = new StringBuilder("what the database spent per completed transfer (measurement windows,"
                + " mean over rounds; - : not measured, see the variant's results)\n");
        String format = "%-16s %12s %10s %10s %16s %12s%n";
        out.append(String.format(Locale.ROOT, format, "variant", "CPU us", "fsyncs", "WAL bytes", "bytes written",
                "write calls"));
        for (VariantSummary variant : result.variants()) {
            ResourceSummary resources = variant.aggregate() == null ? null : variant.aggregate().resources();
            if (resources == null) {
                out.append(String.format(Locale.ROOT, "%-16s not measured%n", variant.name()));
                continue;
            }
            out.append(String.format(Locale.ROOT, format, variant.name(), mean(resources.cpuMicrosPerTransfer(), 2),
                    mean(resources.fsyncsPerTransfer(), 4), mean(resources.walBytesPerTransfer(), 0),
                    mean(resources.bytesWrittenPerTransfer(), 0), mean(resources.writeSyscallsPerTransfer(), 3)));
        }
        return out.toString();
    }

    private static String mean(MetricSummary summary, int decimals) {
        return summary == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", summary.mean());
    }

    /** "12345.6 [12000.1, 12690.0]", or why there is no interval. */
    static String meanWithInterval(MetricSummary summary) {
        return summary.meanWithInterval(1);
    }

    static String ratio(RatioEstimate estimate) {
        if (estimate == null) {
            return "- (no valid pair)";
        }
        if (estimate.ci95Low() == null) {
            return ComparisonCalculator.times(estimate.ratio()) + " (1 pair)";
        }
        return ComparisonCalculator.times(estimate.ratio()) + " [" + ComparisonCalculator.times(estimate.ci95Low())
                + ", " + ComparisonCalculator.times(estimate.ci95High()) + "]" + (estimate.measurableDifference() ? ""
                : " ~1");
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
