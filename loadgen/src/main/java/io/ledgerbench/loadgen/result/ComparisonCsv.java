package io.ledgerbench.loadgen.result;

import io.ledgerbench.loadgen.resources.ResourceSummary;
import io.ledgerbench.loadgen.resources.ResourceUsage;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.stats.MetricSummary;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rows of results/comparison.csv: one per run and one per aggregate. Aggregate rows carry the
 * mean throughput with its 95 % interval and the pooled percentiles of all runs (histograms
 * added, not percentiles averaged). The sustainable-rate columns are saturation mode's answer (empty in the
 * other modes, and where a search found none).
 */
public final class ComparisonCsv {

    public static final String HEADER = String.join(",", "benchmark", "row", "engine", "replicas", "pg_mode",
            "isolation", "synchronous_commit", "durability_equivalent", "accounts", "zipf_exponent", "load_mode",
            "concurrency", "target_rate", "throughput_tps", "throughput_ci95_low", "throughput_ci95_high",
            "throughput_cv", "p50_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms", "p99_ci95_low", "p99_ci95_high",
            "completed", "rejected", "failed", "dropped", "error_rate", "batch_size_mean", "client_cpu_max",
            "invariants_ok", "valid", "seed", "finished_at", "db_cpu_us_per_transfer", "db_bytes_written_per_transfer",
            "wal_bytes_per_transfer", "fsyncs_per_transfer", "sustainable_rate", "sustainable_rate_ci95_low",
            "sustainable_rate_ci95_high", "p99_at_sustainable_ms");

    private ComparisonCsv() {
    }

    /** The header and one BenchmarkRun's rows: its comparison table on its own (the operator's results ConfigMap). */
    public static String table(AggregateResult aggregate, List<RunResult> runs) {
        return HEADER + '\n' + rows(aggregate, runs);
    }

    /** A row per run, then the aggregate row, each ending in a newline (results/comparison.csv appends these). */
    public static String rows(AggregateResult aggregate, List<RunResult> runs) {
        StringBuilder rows = new StringBuilder();
        runs.forEach(run -> rows.append(runRow(run)).append('\n'));
        return rows.append(aggregateRow(aggregate, runs)).append('\n').toString();
    }

    static String runRow(RunResult run) {
        LatencySummary latency = run.latencyMs();
        return join(configuration(run.name(), "run-" + run.run(), run.spec(), run.environment()),
                Stream.of(num(run.throughputPerSec()), "", "", "",
                        num(latency.p50Ms()), num(latency.p95Ms()), num(latency.p99Ms()), num(latency.p999Ms()),
                        num(latency.maxMs()), "", "",
                        Long.toString(run.counts().completed()), Long.toString(run.counts().rejected()),
                        Long.toString(run.counts().failed()), Long.toString(run.counts().dropped()),
                        num(run.errorRate()), batchMean(run.batchSize()), num(run.clientCpuMax()),
                        Boolean.toString(run.invariants().ok()), Boolean.toString(run.valid()),
                        Long.toString(run.seed()), run.finishedAt().toString(),
                        // empty where not measured (never 0): see the run's resources.notMeasured
                        cost(run.resources(), ResourceUsage::cpuMicrosPerTransfer),
                        cost(run.resources(), ResourceUsage::bytesWrittenPerTransfer),
                        cost(run.resources(), ResourceUsage::walBytesPerTransfer),
                        cost(run.resources(), ResourceUsage::fsyncsPerTransfer),
                        run.saturation() == null ? "" : num(run.saturation().sustainableRatePerSec()), "", "",
                        run.saturation() == null ? "" : num(run.saturation().p99AtSustainableMs())));
    }

    static String aggregateRow(AggregateResult aggregate, List<RunResult> runs) {
        MetricSummary throughput = aggregate.throughputPerSec();
        MetricSummary p99 = aggregate.latencyP99Ms();
        LatencySummary pooled = aggregate.pooledLatencyMs();
        return join(configuration(aggregate.name(), "aggregate", aggregate.spec(), aggregate.environment()),
                Stream.of(num(throughput.mean()), num(throughput.ci95Low()), num(throughput.ci95High()),
                        num(throughput.cv()), num(pooled.p50Ms()), num(pooled.p95Ms()), num(pooled.p99Ms()),
                        num(pooled.p999Ms()), num(pooled.maxMs()), num(p99.ci95Low()), num(p99.ci95High()),
                        Long.toString(runs.stream().mapToLong(run -> run.counts().completed()).sum()),
                        Long.toString(runs.stream().mapToLong(run -> run.counts().rejected()).sum()),
                        Long.toString(runs.stream().mapToLong(run -> run.counts().failed()).sum()),
                        Long.toString(runs.stream().mapToLong(run -> run.counts().dropped()).sum()),
                        num(aggregate.errorRate().mean()), batchMean(aggregate.pooledBatchSize()),
                        num(aggregate.clientCpuMax().max()),
                        Boolean.toString(aggregate.invariantsOk()), Boolean.toString(aggregate.valid()),
                        Long.toString(aggregate.seed()), runs.getLast().finishedAt().toString(),
                        mean(aggregate.resources(), ResourceSummary::cpuMicrosPerTransfer),
                        mean(aggregate.resources(), ResourceSummary::bytesWrittenPerTransfer),
                        mean(aggregate.resources(), ResourceSummary::walBytesPerTransfer),
                        mean(aggregate.resources(), ResourceSummary::fsyncsPerTransfer),
                        aggregate.sustainableRatePerSec() == null ? "" : num(aggregate.sustainableRatePerSec().mean()),
                        aggregate.sustainableRatePerSec() == null ? "" : num(aggregate.sustainableRatePerSec().ci95Low()),
                        aggregate.sustainableRatePerSec() == null ? "" : num(aggregate.sustainableRatePerSec().ci95High()),
                        num(aggregate.p99AtSustainableMs())));
    }

    private static Stream<String> configuration(String name, String row, BenchmarkRunSpec spec, Environment environment) {
        boolean postgres = spec.database().engine() == EngineType.POSTGRESQL;
        var workload = spec.workload();
        return Stream.of(name, row, spec.database().engine().specValue(), Integer.toString(spec.database().replicas()),
                postgres ? spec.database().postgresql().mode().specValue() : "",
                postgres ? spec.database().postgresql().isolationLevel().specValue() : "",
                postgres ? spec.database().postgresql().synchronousCommit().specValue() : "",
                Boolean.toString(environment.durability().equivalentToTigerBeetle()),
                Long.toString(workload.accounts()), num(workload.distribution().effectiveExponent()),
                workload.mode().specValue(), Integer.toString(workload.concurrency()),
                workload.targetRate() == null ? "" : num(workload.targetRate()));
    }

    private static String join(Stream<String> configuration, Stream<String> figures) {
        return Stream.concat(configuration, figures).map(ComparisonCsv::escape).collect(Collectors.joining(","));
    }

    private static String cost(ResourceUsage usage, Function<ResourceUsage, Double> figure) {
        return usage == null ? "" : num(figure.apply(usage));
    }

    private static String mean(ResourceSummary summary, Function<ResourceSummary, MetricSummary> figure) {
        MetricSummary metric = summary == null ? null : figure.apply(summary);
        return metric == null ? "" : num(metric.mean());
    }

    private static String batchMean(BatchSizeSummary batches) {
        return batches == null ? "" : num(batches.mean());
    }

    private static String num(Double value) {
        return value == null || value.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String num(double value) {
        return num(Double.valueOf(value));
    }

    private static String escape(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
