package io.ledgerbench.loadgen.result;

import io.ledgerbench.loadgen.fault.FaultOutcome;
import io.ledgerbench.loadgen.fault.FaultsResult;
import io.ledgerbench.loadgen.network.NetworkResult;
import io.ledgerbench.loadgen.resources.ClusterResources;
import io.ledgerbench.loadgen.resources.ResourceSummary;
import io.ledgerbench.loadgen.saturation.SaturationResult;
import io.ledgerbench.loadgen.saturation.SaturationStep;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.LoadMode;
import io.ledgerbench.loadgen.spec.PostgresMode;
import io.ledgerbench.loadgen.stats.MetricSummary;
import java.util.List;
import java.util.Locale;

/** The plain-text results table a person reads at a glance: every run, the mean with its interval, the verdict. */
public final class ResultsReport {

    private ResultsReport() {
    }

    /** "client <-> database 10.00 ms round trip (measured p50 10.21, p99 10.60 ms); ...; by <how>". */
    public static String describeNetwork(NetworkResult network) {
        List<String> links = new java.util.ArrayList<>();
        if (network.clientRoundTripMs() > 0) {
            links.add(link("client <-> database", network.clientRoundTripMs(), network.clientRoundTripMeasuredMs()));
        }
        if (network.nodeRoundTripMs() > 0) {
            links.add(link("between nodes", network.nodeRoundTripMs(), network.nodeRoundTripMeasuredMs()));
        }
        if (network.lossPercent() > 0) {
            Double lostPercent = network.clientLossMeasuredPercent();
            links.add(String.format(Locale.ROOT, "client <-> database %.2f %% of packets lost each way",
                    network.lossPercent()) + (network.clientPacketsCarried() == null ? " (not counted)"
                    : lostPercent == null ? " (no packets in the run)" : String.format(Locale.ROOT,
                    " (lost %d of %d from the run's setup to its checks: %.2f %%)", network.clientPacketsLost(), network.clientPacketsCarried()
                            + network.clientPacketsLost(), lostPercent)));
        }
        return String.join("; ", links) + (network.jitterMs() > 0 ? String.format(Locale.ROOT, "; jitter +/- %.2f ms",
                network.jitterMs()) : "") + "; added by " + network.emulation();
    }

    private static String link(String name, double requestedMs, LatencySummary measured) {
        return String.format(Locale.ROOT, "%s %.2f ms round trip added", name, requestedMs) + (measured == null
                ? " (not measured)" : String.format(Locale.ROOT, " (measured p50 %.2f, p99 %.2f ms)", measured.p50Ms(),
                measured.p99Ms()));
    }

    /** The network line and every run's faults, as the console shows them; empty without either. */
    public static String distanceAndFaults(List<RunResult> runs) {
        StringBuilder out = new StringBuilder();
        runs.stream().map(RunResult::network).filter(java.util.Objects::nonNull).findFirst()
                .ifPresent(network -> out.append("network: ").append(describeNetwork(network)).append('\n'));
        runs.forEach(run -> out.append(faults(run)));
        return out.toString();
    }

    private static String describeFaults(BenchmarkRunSpec spec) {
        return spec.faults().stream().map(fault -> fault.action().specValue() + " " + fault.node() + " at +"
                + fault.at() + (fault.restartAfter() == null ? " (not restarted)" : ", restarted " + fault.restartAfter()
                + " later")).collect(java.util.stream.Collectors.joining("; ")) + " (offsets into the measurement)";
    }

    /** One run's faults: the longest gap, then per fault what was expected and what the run showed. */
    static String faults(RunResult run) {
        FaultsResult result = run.faults();
        if (result == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(result.longestGapSeconds() == 0
                ? String.format(Locale.ROOT, "run %d: every %.1f s of the measurement had an answered transfer;"
                        + " invariants checked on %s%n", run.run(), result.timelineResolutionSeconds(),
                result.invariantsCheckedOn())
                : String.format(Locale.ROOT, "run %d: longest stretch with no answered transfer %.1f s (from +%.1f s;"
                        + " timeline of %.1f s); invariants checked on %s%n", run.run(), result.longestGapSeconds(),
                result.longestGapStartSeconds(), result.timelineResolutionSeconds(), result.invariantsCheckedOn()));
        for (FaultOutcome fault : result.faults()) {
            if (fault.appliedAtSeconds() == null) {
                out.append(String.format(Locale.ROOT, "  %s %s at +%.1f s: NOT APPLIED (%s)%n",
                        fault.action().specValue(), fault.node(), fault.plannedAtSeconds(), fault.error()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %s %s at +%.1f s%s: before %s/s, while down %s/s%s%n",
                    fault.action().specValue(), fault.node(), fault.appliedAtSeconds(),
                    fault.restartedAtSeconds() == null ? " (not restarted)"
                            : String.format(Locale.ROOT, ", restarted at +%.1f s", fault.restartedAtSeconds()),
                    rate(fault.answeredPerSecBefore()), rate(fault.answeredPerSecDuring()),
                    fault.answeredPerSecAfter() == null ? "" : ", after " + rate(fault.answeredPerSecAfter()) + "/s"));
            out.append("    expected: ").append(fault.expected()).append('\n');
            out.append("    showed:   ").append(fault.keptCommitting() == null ? "too short a stretch down to tell"
                    : (fault.keptCommitting() ? "kept answering" : "answered nothing while it was down")
                    + (fault.asExpected() ? " (as expected)" : " (NOT as expected)")).append('\n');
        }
        return out.toString();
    }

    private static String rate(Double perSecond) {
        return perSecond == null ? "-" : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    public static String render(AggregateResult aggregate, List<RunResult> runs) {
        StringBuilder out = new StringBuilder();
        BenchmarkRunSpec spec = aggregate.spec();
        out.append("== ledgerbench results: ").append(aggregate.name()).append(" ==\n");
        out.append("engine     ").append(describeEngine(spec)).append('\n');
        out.append("server     ").append(aggregate.environment().serverVersion()).append('\n');
        out.append("durability ").append(aggregate.environment().durability().description()).append('\n');
        out.append("workload   ").append(describeWorkload(spec, aggregate.seed())).append('\n');
        runs.stream().map(RunResult::network).filter(java.util.Objects::nonNull).findFirst()
                .ifPresent(network -> out.append("network    ").append(describeNetwork(network)).append('\n'));
        if (!spec.faults().isEmpty()) {
            out.append("faults     ").append(describeFaults(spec)).append('\n');
        }
        out.append('\n');

        out.append(String.format(Locale.ROOT, "%-5s %11s %10s %9s %7s %6s %8s %8s %8s %9s %8s %5s  %s%n",
                "run", "TPS", "completed", "rejected", "failed", "err%", "p50 ms", "p95 ms", "p99 ms", "p99.9 ms",
                "max ms", "cpu%", "invariants"));
        for (RunResult run : runs) {
            LatencySummary latency = run.latencyMs();
            out.append(String.format(Locale.ROOT, "%-5d %11.1f %10d %9d %7d %6.2f %8.2f %8.2f %8.2f %9.2f %8.2f %5.0f  %s%n",
                    run.run(), run.throughputPerSec(), run.counts().completed(), run.counts().rejected(),
                    run.counts().failed(), run.errorRate() * 100, latency.p50Ms(), latency.p95Ms(), latency.p99Ms(),
                    latency.p999Ms(), latency.maxMs(), run.clientCpuMax() * 100,
                    run.invariants().ok() ? "passed" : "FAILED"));
        }
        out.append('\n');
        if (!spec.faults().isEmpty()) {
            for (RunResult run : runs) {
                out.append(faults(run));
            }
        }
        if (spec.workload().mode() == LoadMode.SATURATION) {
            out.append("(each run's row: its step at the sustainable rate, or at the lowest rate tried if none held)\n\n");
            for (RunResult run : runs) {
                out.append(curve(run));
            }
            out.append(aggregate.sustainableRatePerSec() == null
                    ? String.format(Locale.ROOT, "%-11s none: not every run found a rate that held the objective%n",
                    "sustainable")
                    : summaryLine("sustainable", aggregate.sustainableRatePerSec(), "transfers/s", 1));
            if (aggregate.p99AtSustainableMs() != null) {
                out.append(String.format(Locale.ROOT, "%-11s %.2f ms at the sustainable rate (every run's sustainable"
                        + " step's histogram added)%n", "p99 there", aggregate.p99AtSustainableMs()));
            }
        }
        out.append(summaryLine("throughput", aggregate.throughputPerSec(), "TPS", 1));
        out.append(summaryLine("p99", aggregate.latencyP99Ms(), "ms", 2));
        LatencySummary pooled = aggregate.pooledLatencyMs();
        out.append(String.format(Locale.ROOT, "%-11s p50 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms"
                        + " (all runs' histograms added)%n", "latency", pooled.p50Ms(), pooled.p95Ms(), pooled.p99Ms(),
                pooled.p999Ms(), pooled.maxMs()));
        BatchSizeSummary batches = aggregate.pooledBatchSize();
        if (batches != null) {
            out.append(String.format(Locale.ROOT, "%-11s mean %.1f  p50 %d  p99 %d  max %d transfers per request"
                    + " (%d requests)%n", "batch size", batches.mean(), batches.p50(), batches.p99(), batches.max(),
                    batches.batches()));
        }
        if (spec.workload().mode() == LoadMode.FIXED_RATE && spec.workload().targetRate() != null) {
            MetricSummary achieved = aggregate.achievedRatePerSec();
            out.append(String.format(Locale.ROOT, "%-11s target %.1f/s, achieved %.1f/s (%.1f %%)%n", "rate",
                    spec.workload().targetRate(), achieved.mean(), achieved.mean() / spec.workload().targetRate() * 100));
        }
        if (aggregate.resources() != null) {
            out.append(resources(aggregate.resources()));
        }
        if (runs.stream().anyMatch(run -> run.clusterResources() != null)) {
            out.append(clusterResources(runs));
        }
        out.append(String.format(Locale.ROOT, "%-11s %s%n", "invariants",
                aggregate.invariantsOk() ? "passed in every run" : "FAILED (see runs)"));
        out.append(String.format(Locale.ROOT, "%-11s %s%n", "verdict", aggregate.valid() ? "VALID" : "INVALID"));
        for (ValidityWarning warning : aggregate.warnings()) {
            out.append("  ").append(warning.invalidating() ? "invalid: " : "warning: ").append(warning.message()).append('\n');
        }
        return out.toString();
    }

    /**
     * One run's latency-throughput curve: every step by offered rate (the step number says when it ran), the
     * sustainable rate (*) and the knee (k) marked, and why the search ended.
     */
    static String curve(RunResult run) {
        SaturationResult search = run.saturation();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "run %d search: objective p99 <= %.2f ms, answers keeping pace"
                        + " with %.1f %% of the scheduled arrivals%s; sustainable %s, knee %s%n", run.run(), search.objective().p99Ms(),
                search.objective().minAchievedRatio() * 100, search.probeThroughputPerSec() == null ? ""
                        : String.format(Locale.ROOT, "; probe %.1f/s, start %.1f/s", search.probeThroughputPerSec(),
                        search.startRatePerSec()),
                search.sustainableRatePerSec() == null ? "none" : String.format(Locale.ROOT, "%.1f/s (p99 %.2f ms)",
                        search.sustainableRatePerSec(), search.p99AtSustainableMs()),
                search.kneeRatePerSec() == null ? "none" : String.format(Locale.ROOT, "%.1f/s",
                        search.kneeRatePerSec())));
        out.append(String.format(Locale.ROOT, "  %-4s %-2s %11s %11s %8s %8s %9s %8s %7s  %s%n", "step", "", "offered/s",
                "achieved/s", "p50 ms", "p99 ms", "p99.9 ms", "dropped", "failed", "objective"));
        for (SaturationStep step : search.curve()) {
            String mark = (search.sustainableStep() != null && step.step() == search.sustainableStep() ? "*" : "")
                    + (search.kneeRatePerSec() != null && step.offeredRatePerSec() == search.kneeRatePerSec() ? "k" : "");
            boolean answered = step.latencyMs().count() > 0; // no answer, no latency: "-", never 0
            out.append(String.format(Locale.ROOT, "  %-4d %-2s %11.1f %11.1f %8s %8s %9s %8d %7d  %s%n",
                    step.step(), mark, step.offeredRatePerSec(), step.achievedRatePerSec(),
                    answered ? String.format(Locale.ROOT, "%.2f", step.latencyMs().p50Ms()) : "-",
                    answered ? String.format(Locale.ROOT, "%.2f", step.latencyMs().p99Ms()) : "-",
                    answered ? String.format(Locale.ROOT, "%.2f", step.latencyMs().p999Ms()) : "-",
                    step.counts().dropped(), step.counts().failed(),
                    step.held() ? "held" : "missed: " + String.join("; ", step.misses())));
        }
        out.append("  search ended: ").append(search.endReason()).append("\n\n");
        return out.toString();
    }

    /** What the database spent per completed transfer, each figure with its interval; what was not measured, and why. */
    static String resources(ResourceSummary resources) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-11s what the database spent per completed transfer, in the"
                + " measurement window (%d node(s): their processes%s)%n", "cost", resources.databaseNodes(),
                resources.walBytesPerTransfer() == null ? "" : " and PostgreSQL's statistics"));
        out.append(costLine("CPU", resources.cpuMicrosPerTransfer(), "us", 2));
        out.append(costLine("written", resources.bytesWrittenPerTransfer(), "bytes to storage (the kernel's count:"
                + " page-cache pages dirtied)", 0));
        out.append(costLine("writes", resources.writeSyscallsPerTransfer(), "write system calls", 3));
        out.append(costLine("WAL", resources.walBytesPerTransfer(), "bytes", 0));
        out.append(costLine("fsyncs", resources.fsyncsPerTransfer(), "", 4));
        if (resources.databaseCpuSeconds() != null && resources.loadgenCpuSeconds() != null) {
            out.append(String.format(Locale.ROOT, "  %-9s database %.2f s, load generator %.2f s of CPU per run%n",
                    "totals", resources.databaseCpuSeconds().mean(), resources.loadgenCpuSeconds().mean()));
        }
        for (String reason : resources.notMeasured()) {
            out.append("  not measured: ").append(reason).append('\n');
        }
        return out.toString();
    }

    /** Per run, what Prometheus recorded of the database per completed transfer; what it could not, once. */
    static String clusterResources(List<RunResult> runs) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-11s what the database spent per completed"
                + " transfer, in the measurement window (Prometheus: its pods' CPU, its nodes' data disks)%n", "cost"));
        java.util.Set<String> reasons = new java.util.LinkedHashSet<>();
        for (RunResult run : runs) {
            ClusterResources resources = run.clusterResources();
            if (resources == null) {
                out.append(String.format(Locale.ROOT, "  run %-5d not measured%n", run.run()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "  run %-5d CPU %s us, disk written %s bytes, disk writes %s%n",
                    run.run(), figure(resources.cpuMicrosPerTransfer(), 2),
                    figure(resources.diskBytesWrittenPerTransfer(), 0), figure(resources.diskWritesPerTransfer(), 4)));
            reasons.addAll(resources.notMeasured());
        }
        reasons.forEach(reason -> out.append("  not measured: ").append(reason).append('\n'));
        return out.toString();
    }

    private static String figure(Double value, int decimals) {
        return value == null ? "(not measured)" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String costLine(String label, MetricSummary summary, String unit, int decimals) {
        return summary == null ? String.format(Locale.ROOT, "  %-9s not measured%n", label)
                : String.format(Locale.ROOT, "  %-9s %s%s%n", label, summary.meanWithInterval(decimals),
                        unit.isEmpty() ? "" : " " + unit);
    }

    private static String summaryLine(String label, MetricSummary summary, String unit, int decimals) {
        String format = "%." + decimals + "f";
        if (summary.stddev() == null) {
            return String.format(Locale.ROOT, "%-11s " + format + " %s (one run: no interval)%n", label, summary.mean(), unit);
        }
        if (summary.tooFewRunsForAnInterval()) {
            return String.format(Locale.ROOT, "%-11s mean " + format + " %s, stddev " + format + ", CV %.1f %% (n = %d:"
                            + " too few runs for a 95 %% interval that stays above 0)%n", label, summary.mean(), unit,
                    summary.stddev(), summary.cv() == null ? 0 : summary.cv() * 100, summary.n());
        }
        return String.format(Locale.ROOT, "%-11s mean " + format + " %s, 95%% CI [" + format + ", " + format
                        + "], stddev " + format + ", CV %.1f %% (n = %d)%n", label, summary.mean(), unit,
                summary.ci95Low(), summary.ci95High(), summary.stddev(), summary.cv() == null ? 0 : summary.cv() * 100,
                summary.n());
    }

    private static String describeEngine(BenchmarkRunSpec spec) {
        var database = spec.database();
        if (database.engine() == EngineType.TIGERBEETLE) {
            return "tigerbeetle, " + database.replicas() + " replica(s)";
        }
        var postgresql = database.postgresql();
        return "postgresql, " + database.replicas() + " node(s), mode " + postgresql.mode().specValue() + ", "
                + postgresql.isolationLevel().specValue() + ", synchronous_commit=" + postgresql.synchronousCommit().specValue()
                + ", pool " + postgresql.poolSize()
                + (postgresql.mode() == PostgresMode.BATCHED ? ", batches up to " + postgresql.batchSize()
                        + " (linger " + postgresql.batchLinger() + ")" : "");
    }

    private static String describeWorkload(BenchmarkRunSpec spec, long seed) {
        var workload = spec.workload();
        String load = switch (workload.mode()) {
            case FIXED_RATE -> String.format(Locale.ROOT, "fixedRate %.0f/s (%s, maxConcurrency %d)",
                    workload.targetRate(), workload.arrival().specValue(), workload.maxConcurrency());
            case MAX_THROUGHPUT -> "maxThroughput, " + workload.concurrency() + " clients per pod";
            case SATURATION -> describeSearch(workload);
        };
        String phases = workload.mode() == LoadMode.SATURATION ? "per step: " : "";
        return String.format(Locale.ROOT, "%d accounts, zipf s=%.2f, amount %d..%d, %s, " + phases
                        + "warmup %s, measurement %s,"
                        + " %d runs, seed %d", workload.accounts(), workload.distribution().effectiveExponent(),
                workload.amount().min(), workload.amount().max(), load, workload.warmup(), workload.duration(),
                spec.runs(), seed);
    }

    private static String describeSearch(io.ledgerbench.loadgen.spec.WorkloadSpec workload) {
        var search = workload.saturation();
        String start = search.probes()
                ? String.format(Locale.ROOT, "from %.0f %% of a %s closed-loop probe (%d clients per pod)",
                search.startFraction() * 100, search.probeDuration(), workload.concurrency())
                : String.format(Locale.ROOT, "from %.1f/s", search.startRate());
        return String.format(Locale.ROOT, "saturation search for p99 <= %s and answers keeping pace with %.1f %% of"
                        + " the scheduled arrivals (fixedRate steps,"
                        + " %s, maxConcurrency %d) %s, ramp x%.2f, resolution %.1f %%, at most %d steps or %s",
                search.p99(), search.minAchievedRatio() * 100, workload.arrival().specValue(), workload.maxConcurrency(),
                start, search.growthFactor(), search.resolution() * 100, search.maxSteps(), search.timeLimit());
    }
}
