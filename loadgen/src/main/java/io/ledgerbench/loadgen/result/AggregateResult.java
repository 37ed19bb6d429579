package io.ledgerbench.loadgen.result;

import io.ledgerbench.loadgen.resources.ResourceSummary;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.stats.MetricSummary;
import java.util.List;

/**
 * All runs of a BenchmarkRun together: each metric's mean, spread and 95 % confidence interval
 * across runs, the latency of all runs' transfers pooled (histograms added), and the verdict.
 * resources summarizes what the database spent per transfer across runs (null where not measured).
 * sustainableRatePerSec is saturation mode's answer across runs, p99AtSustainableMs the p99 of every run's
 * sustainable step's transfers pooled (histograms added); both null in the other modes, and when a run found no
 * sustainable rate (its run is invalid, and a figure without it would flatter).
 */
public record AggregateResult(
        String name,
        String engine,
        int runs,
        long seed,
        MetricSummary throughputPerSec,
        MetricSummary latencyP50Ms,
        MetricSummary latencyP95Ms,
        MetricSummary latencyP99Ms,
        MetricSummary latencyP999Ms,
        MetricSummary latencyMaxMs,
        MetricSummary errorRate,
        MetricSummary clientCpuMax,
        MetricSummary achievedRatePerSec,
        LatencySummary pooledLatencyMs,
        LatencySummary pooledServiceTimeMs,
        BatchSizeSummary pooledBatchSize,
        boolean invariantsOk,
        boolean valid,
        List<ValidityWarning> warnings,
        Environment environment,
        BenchmarkRunSpec spec,
        ResourceSummary resources,
        MetricSummary sustainableRatePerSec,
        Double p99AtSustainableMs) {

    public AggregateResult {
        warnings = List.copyOf(warnings);
    }
}
