package io.ledgerbench.loadgen.result;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.fault.FaultsResult;
import io.ledgerbench.loadgen.network.NetworkResult;
import io.ledgerbench.loadgen.measure.PhaseCounts;
import io.ledgerbench.loadgen.resources.ClusterResources;
import io.ledgerbench.loadgen.resources.ResourceUsage;
import io.ledgerbench.loadgen.saturation.SaturationResult;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import java.time.Instant;
import java.util.List;

/**
 * One run of a BenchmarkRun, measured and checked: the measurement phase's counts, rates and
 * latency (from the intended start, plus service time), the invariant check, validity, and the
 * serialized histograms aggregation merges. Warmup appears only as counts. batchSize and
 * batchSizeHistogram are null for drivers that send one transfer per request. clientJitSeconds is
 * how long the load generator's JIT compilers worked during the measurement (the busiest pod's).
 * resources is what the database spent in the measurement window as the local runner measures it
 * (its processes; null on a cluster), clusterResources as the operator reads it from Prometheus
 * (null locally). saturation is a saturation search's answer and curve (null in the other modes); the run's
 * own figures are then those of the step at the sustainable rate (of the lowest rate tried if none held).
 * faults is what the spec's faults did (null without faults); network the delay the spec added and the
 * round trips measured with it (null when none was added).
 */
public record RunResult(
        String name,
        int run,
        int runs,
        Instant startedAt,
        Instant finishedAt,
        long seed,
        double measurementSeconds,
        PhaseCounts counts,
        PhaseCounts warmupCounts,
        double throughputPerSec,
        double completedPerSec,
        double rejectedPerSec,
        double failedPerSec,
        Double targetRatePerSec,
        double achievedRatePerSec,
        Double completionRatio,
        double errorRate,
        LatencySummary latencyMs,
        LatencySummary serviceTimeMs,
        BatchSizeSummary batchSize,
        double clientCpuMax,
        double clientJitSeconds,
        InvariantReport invariants,
        boolean valid,
        List<ValidityWarning> warnings,
        long[] answeredPerSecond,
        String latencyHistogram,
        String serviceTimeHistogram,
        String batchSizeHistogram,
        Environment environment,
        BenchmarkRunSpec spec,
        ResourceUsage resources,
        ClusterResources clusterResources,
        SaturationResult saturation,
        FaultsResult faults,
        NetworkResult network) {

    public RunResult {
        warnings = List.copyOf(warnings);
    }

    /** This result with what its faults did, and the warnings that raises. */
    public RunResult withFaults(FaultsResult outcome, List<ValidityWarning> faultWarnings) {
        return with(resources, clusterResources, outcome, network, faultWarnings);
    }

    /** This result with the distance its network was given and the round trips measured there. */
    public RunResult withNetwork(NetworkResult measured, List<ValidityWarning> networkWarnings) {
        return with(resources, clusterResources, faults, measured, networkWarnings);
    }

    /** This result with what the database spent in its measurement window. */
    public RunResult withResources(ResourceUsage usage) {
        return with(usage, clusterResources);
    }

    /** This result with what Prometheus recorded of the database during its measurement window. */
    public RunResult withClusterResources(ClusterResources usage) {
        return with(resources, usage);
    }

    private RunResult with(ResourceUsage local, ClusterResources cluster) {
        return with(local, cluster, faults, network, List.of());
    }

    /** A copy with these parts and more warnings: an invalidating one makes it invalid. */
    private RunResult with(ResourceUsage local, ClusterResources cluster, FaultsResult withFaults,
                           NetworkResult withNetwork, List<ValidityWarning> moreWarnings) {
        List<ValidityWarning> all = new java.util.ArrayList<>(warnings);
        all.addAll(moreWarnings);
        boolean stillValid = valid && moreWarnings.stream().noneMatch(ValidityWarning::invalidating);
        return new RunResult(name, run, runs, startedAt, finishedAt, seed, measurementSeconds, counts, warmupCounts,
                throughputPerSec, completedPerSec, rejectedPerSec, failedPerSec, targetRatePerSec, achievedRatePerSec,
                completionRatio, errorRate, latencyMs, serviceTimeMs, batchSize, clientCpuMax, clientJitSeconds,
                invariants, stillValid, all, answeredPerSecond, latencyHistogram, serviceTimeHistogram,
                batchSizeHistogram, environment, spec, local, cluster, saturation, withFaults, withNetwork);
    }
}
