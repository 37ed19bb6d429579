package io.ledgerbench.loadgen.comparison;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.measure.PhaseRecorder;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.result.Environments;
import io.ledgerbench.loadgen.result.ResultCalculator;
import io.ledgerbench.loadgen.result.RunResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Run results of known throughput and latency, for comparison tests. */
final class ComparisonFixtures {

    private ComparisonFixtures() {
    }

    /** A run over a 10 s window: transfersPerSecond x 10 completed transfers, each taking latencyMillis. */
    static RunResult run(Variant variant, int round, double transfersPerSecond, long latencyMillis,
                         InvariantReport invariants) {
        PhaseRecorder measurement = new PhaseRecorder();
        for (int i = 0; i < (int) (transfersPerSecond * 10); i++) {
            measurement.recordOutcome(TransferOutcome.COMPLETED, null, latencyMillis * 1_000_000, latencyMillis * 1_000_000);
        }
        long[] perSecond = new long[11];
        java.util.Arrays.fill(perSecond, (long) transfersPerSecond);
        RunMeasurement measured = new RunMeasurement(new PhaseRecorder().snapshot(), measurement.snapshot(),
                10_000_000_000L, perSecond, 0.1, 0, null);
        return ResultCalculator.runResult(variant.run().name(), round, variant.run().spec(), 1, Instant.EPOCH,
                Instant.EPOCH, measured, invariants, Environments.postgres());
    }

    /** pg against tigerbeetle, both searched for their sustainable rate at p99 <= 20 ms, 3 rounds. */
    static BenchmarkComparison saturationComparison() throws Exception {
        return ComparisonCalculatorTest.comparison("{engine: tigerbeetle, replicas: 3}", "{accounts: 100, mode:"
                + " saturation, warmup: 1s, duration: 10s, saturation: {p99: 20ms, startRate: 100}}");
    }

    /** Each variant's searches, one per round, of servers sustaining the given rates (round r: index r - 1). */
    static Map<String, List<RunResult>> saturationRuns(BenchmarkComparison comparison, double[] pg, double[] other) {
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        runs.put("pg", new ArrayList<>());
        runs.put("other", new ArrayList<>());
        for (int round = 0; round < pg.length; round++) {
            runs.get("pg").add(saturationRun(comparison.variants().get(0), round + 1, pg[round]));
            runs.get("other").add(saturationRun(comparison.variants().get(1), round + 1, other[round]));
        }
        return runs;
    }

    /**
     * A search of a server that sustains capacityPerSec: steps at half of it and at it held (p99 2 and 8 ms), one
     * at 1.5 times it missed (p99 50 ms, achieved only the capacity).
     */
    static RunResult saturationRun(Variant variant, int round, double capacityPerSec) {
        return saturationRun(variant, round, capacityPerSec, true);
    }

    /** As above; without reaching saturation, the search stopped after the two steps that held. */
    static RunResult saturationRun(Variant variant, int round, double capacityPerSec, boolean reachedSaturation) {
        java.util.List<io.ledgerbench.loadgen.saturation.MeasuredStep> steps = java.util.List.of(
                step(1, capacityPerSec * 0.5, capacityPerSec * 0.5, 2),
                step(2, capacityPerSec, capacityPerSec, 8),
                step(3, capacityPerSec * 1.5, capacityPerSec, 50)).subList(0, reachedSaturation ? 3 : 2);
        var search = new io.ledgerbench.loadgen.saturation.SaturationMeasurement(null, capacityPerSec * 0.5, steps,
                10, "resolution reached");
        return ResultCalculator.saturationRunResult(variant.run().name(), round, variant.run().spec(), 1, Instant.EPOCH,
                Instant.EPOCH, search, ComparisonCalculatorTest.OK, Environments.postgres());
    }

    private static io.ledgerbench.loadgen.saturation.MeasuredStep step(int step, double offered, double achieved,
                                                                        long latencyMillis) {
        PhaseRecorder measurement = new PhaseRecorder();
        for (int i = 0; i < (int) (achieved * 10); i++) {
            measurement.recordOutcome(TransferOutcome.COMPLETED, null, latencyMillis * 1_000_000, 1_000_000);
        }
        RunMeasurement measured = new RunMeasurement(new PhaseRecorder().snapshot(), measurement.snapshot(),
                10_000_000_000L, new long[11], 0.1, 0, null);
        return new io.ledgerbench.loadgen.saturation.MeasuredStep(step, offered, Instant.EPOCH, Instant.EPOCH, measured,
                measured, null);
    }

    /** The run with a measured cost: cpuMicrosPerTransfer of database CPU, 200 WAL bytes and half an fsync per transfer. */
    static RunResult withCost(RunResult run, double cpuMicrosPerTransfer) {
        long completed = run.counts().completed();
        var none = io.ledgerbench.loadgen.resources.ProcessCounters.ZERO;
        var start = new io.ledgerbench.loadgen.resources.ResourceSnapshot(java.util.Map.of("server", none), none,
                new io.ledgerbench.loadgen.resources.PostgresCounters("0/0", 0, 0, 0, 0, 0, 0), java.util.List.of(), true,
                true);
        var end = new io.ledgerbench.loadgen.resources.ResourceSnapshot(java.util.Map.of("server",
                new io.ledgerbench.loadgen.resources.ProcessCounters(cpuMicrosPerTransfer * completed / 1e6, 0, 0,
                        100 * completed, completed, 1 << 20)), none,
                new io.ledgerbench.loadgen.resources.PostgresCounters("0/" + Long.toHexString(200 * completed), completed,
                        completed, completed / 2, 0, completed, 0), java.util.List.of(), true, false);
        return run.withResources(io.ledgerbench.loadgen.resources.ResourceUsage.between(start, end, completed, null));
    }
}
