package io.ledgerbench.loadgen.resources;

import io.ledgerbench.loadgen.stats.MetricSummary;
import io.ledgerbench.loadgen.stats.SampleStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the database spent per completed transfer across a BenchmarkRun's runs: each figure's mean
 * and 95 % confidence interval like every other metric, null when any run did not measure it; and
 * why, once per reason.
 */
public record ResourceSummary(
        MetricSummary cpuMicrosPerTransfer,
        MetricSummary bytesWrittenPerTransfer,
        MetricSummary writeSyscallsPerTransfer,
        MetricSummary walBytesPerTransfer,
        MetricSummary fsyncsPerTransfer,
        MetricSummary databaseCpuSeconds,
        MetricSummary loadgenCpuSeconds,
        int databaseNodes,
        List<String> notMeasured) {

    public ResourceSummary {
        notMeasured = List.copyOf(notMeasured);
    }

    /** Null when no run measured anything (a cluster run: its figures come from elsewhere). */
    public static ResourceSummary of(List<ResourceUsage> runs) {
        if (runs.isEmpty() || runs.stream().allMatch(Objects::isNull)) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        if (runs.stream().anyMatch(Objects::isNull)) {
            reasons.add("resources: not measured in every run");
        }
        runs.stream().filter(Objects::nonNull).flatMap(run -> run.notMeasured().stream()).distinct()
                .forEach(reasons::add);
        int nodes = runs.stream().filter(Objects::nonNull).mapToInt(run -> run.nodes().size()).max().orElse(0);
        return new ResourceSummary(summary(runs, ResourceUsage::cpuMicrosPerTransfer),
                summary(runs, ResourceUsage::bytesWrittenPerTransfer),
                summary(runs, ResourceUsage::writeSyscallsPerTransfer),
                summary(runs, ResourceUsage::walBytesPerTransfer),
                summary(runs, ResourceUsage::fsyncsPerTransfer),
                summary(runs, ResourceUsage::databaseCpuSeconds),
                summary(runs, ResourceUsage::loadgenCpuSeconds),
                nodes, reasons);
    }

    private static MetricSummary summary(List<ResourceUsage> runs, Function<ResourceUsage, Double> metric) {
        if (runs.stream().anyMatch(run -> run == null || metric.apply(run) == null)) {
            return null;
        }
        return SampleStatistics.summarizeNonNegative(runs.stream().mapToDouble(run -> metric.apply(run)).toArray());
    }
}
