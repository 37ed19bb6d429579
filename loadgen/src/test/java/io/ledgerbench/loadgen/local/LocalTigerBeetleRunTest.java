package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.spec.TigerbeetleSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole benchmarks on real TigerBeetle replicas. They need a `tigerbeetle` binary ($TIGERBEETLE_BIN
 * or PATH); without one each test is reported as skipped, by name (make test lists them).
 */
@EnabledIf(value = "tigerbeetlePresent", disabledReason = "no tigerbeetle binary ($TIGERBEETLE_BIN or PATH)")
class LocalTigerBeetleRunTest {

    @TempDir
    Path results;

    static boolean tigerbeetlePresent() {
        return TigerBeetleBinary.isAvailable(System.getenv());
    }

    private AggregateResult run(String name, int replicas, String workload) throws Exception {
        var manifest = new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: %s}
                spec:
                  database: {engine: tigerbeetle, replicas: %d}
                  workload: {%s, warmup: 1s, duration: 3s, seed: 5}
                  runs: 2
                """.formatted(name, replicas, workload), "test");
        LocalRunner runner = new LocalRunner(new PrintStream(new ByteArrayOutputStream()), results, Optional.empty(),
                new LoadgenMetrics("tigerbeetle", "test"), Duration.ofSeconds(5));
        return runner.run(manifest);
    }

    private RunResult run2(String name) throws Exception {
        return ResultsWriter.json().readValue(results.resolve(name).resolve("run-2.json").toFile(), RunResult.class);
    }

    @Test
    void highContentionKeepsTheInvariantsAndCountsRejections() throws Exception {
        AggregateResult aggregate = run("tb-contended", 1, "accounts: 100, distribution: {type: zipfian, exponent: 1.5},"
                + " initialBalance: 500, amount: {min: 1, max: 1000}, concurrency: 256");
        RunResult second = run2("tb-contended");
        assertThat(aggregate.invariantsOk()).isTrue();
        assertThat(second.counts().rejected()).isPositive();
        assertThat(second.counts().failed()).isZero();
        assertThat(second.batchSize().mean()).isGreaterThan(1);
    }

    @Test
    void aThreeReplicaClusterPassesItsInvariantsInEveryRun() throws Exception {
        AggregateResult aggregate = run("tb-3", 3, "accounts: 10000, concurrency: 256");
        assertThat(aggregate.invariantsOk()).isTrue();
        assertThat(aggregate.valid()).as(aggregate.warnings().toString()).isTrue();
        assertThat(aggregate.environment().durability().equivalentToTigerBeetle()).isTrue();
    }

    @Test
    void threeReplicasInNamespacesOfTheirOwnReplicateAcrossTheNodeNetwork() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.ledgerbench.loadgen.network.NamespaceNetwork.missingRights()
                .isEmpty(), "network namespaces need root (CAP_SYS_ADMIN, CAP_NET_ADMIN), iproute2 and /dev/net/tun");
        RunResult run = LocalRuns.runOnce("tb-spread", """
                spec:
                  database: {engine: tigerbeetle, replicas: 3}
                  workload: {accounts: 10000, concurrency: 256, warmup: 1s, duration: 3s, seed: 5}
                  network: {clientRoundTrip: 2ms, nodeRoundTrip: 4ms}
                  runs: 1
                """, results, new ByteArrayOutputStream());

        assertThat(run.network().emulation()).startsWith("network namespaces");
        assertThat(run.network().nodeRoundTripMeasuredMs().p50Ms()).isGreaterThanOrEqualTo(4.0);
        assertThat(run.network().clientRoundTripMeasuredMs().p50Ms()).isGreaterThanOrEqualTo(2.0);
        assertThat(run.counts().completed()).isPositive();
        assertThat(run.invariants().ok()).isTrue();
    }

    @Test
    void fixedRateReachesItsTargetWithNothingDropped() throws Exception {
        AggregateResult aggregate = run("tb-fixed", 1, "accounts: 10000, mode: fixedRate, targetRate: 2000");
        RunResult second = run2("tb-fixed");
        assertThat(aggregate.invariantsOk()).isTrue();
        assertThat(second.counts().dropped()).isZero();
        assertThat(second.achievedRatePerSec()).isGreaterThan(1800);
    }

    /** Runs one short measurement on a fresh cluster, killing the given replicas at the first measurement progress. */
    private static Outcome runKilling(int replicaCount, String duration, int... killed) throws Exception {
        var manifest = new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: tb-lost}
                spec:
                  database: {engine: tigerbeetle, replicas: %d, tigerbeetle: {requestTimeout: 5s}}
                  workload: {accounts: 1000, concurrency: 64, warmup: 1s, duration: %s, seed: 3}
                  runs: 1
                """.formatted(replicaCount, duration), "test");
        var workload = manifest.spec().workload();
        java.nio.file.Path binary = TigerBeetleBinary.find(TigerbeetleSpec.defaults(), System.getenv());
        try (LocalTigerBeetle cluster = LocalTigerBeetle.create(binary, 0, replicaCount)) {
            cluster.freshCluster();
            try (var database = new io.ledgerbench.loadgen.driver.tigerbeetle.TigerBeetleLedgerDatabase(
                    cluster.endpoint(), cluster.version(), manifest.spec().database().tigerbeetle().requestTimeoutDuration())) {
                database.reset(workload);
                var recorder = new io.ledgerbench.loadgen.measure.RunRecorder(
                        io.ledgerbench.loadgen.measure.MeasurementObserver.NONE);
                java.util.concurrent.atomic.AtomicBoolean killedYet = new java.util.concurrent.atomic.AtomicBoolean();
                io.ledgerbench.loadgen.schedule.ProgressListener killer = progress -> {
                    if (progress.phase() == io.ledgerbench.loadgen.measure.Phase.MEASUREMENT
                            && killedYet.compareAndSet(false, true)) {
                        for (int replica : killed) {
                            cluster.killReplica(replica);
                        }
                    }
                };
                io.ledgerbench.loadgen.measure.RunMeasurement measurement;
                try (var driver = database.openDriver(recorder.driverListener())) {
                    measurement = new io.ledgerbench.loadgen.schedule.RunExecutor(Duration.ofSeconds(1),
                            Duration.ofSeconds(10)).execute(workload,
                            io.ledgerbench.loadgen.schedule.RunExecutor.loadShape(workload, 3, 0, 1), driver, recorder,
                            killer);
                }
                try {
                    return new Outcome(measurement, database.verify(workload, measurement.completedInAllPhases(),
                            measurement.inDoubtInAllPhases()), null);
                } catch (io.ledgerbench.loadgen.driver.DatabaseUnavailableException e) {
                    return new Outcome(measurement, null, e.getMessage());
                }
            }
        }
    }

    private record Outcome(io.ledgerbench.loadgen.measure.RunMeasurement measurement,
                           io.ledgerbench.loadgen.driver.InvariantReport invariants, String verifyFailure) {
    }

    @Test
    @org.junit.jupiter.api.Timeout(180)
    void aClusterThatLosesOneReplicaOfThreeCarriesOnAndKeepsItsInvariants() throws Exception {
        Outcome outcome = runKilling(3, "6s", 2);

        assertThat(outcome.measurement().stoppedEarlyReason()).isNull();
        assertThat(outcome.measurement().measurement().counts().completed()).isPositive();
        assertThat(outcome.invariants().ok()).as(outcome.invariants().violations().toString()).isTrue();
    }

    @Test
    @org.junit.jupiter.api.Timeout(180)
    void aClusterThatLostItsQuorumEndsTheRunWithAReasonInsteadOfStalling() throws Exception {
        // An hour planned: the run must end soon after the request timeout, not after the hour.
        Outcome outcome = runKilling(3, "1h", 1, 2);

        assertThat(outcome.measurement().stoppedEarlyReason())
                .contains("answered no request within 5 s", "spec.database.tigerbeetle.requestTimeout");
        assertThat(outcome.measurement().inDoubtInAllPhases()).as("the stalled request's transfers").isPositive();
        assertThat(outcome.measurement().measurementWindowNanos()).isLessThan(Duration.ofMinutes(5).toNanos());
        assertThat(outcome.verifyFailure()).as("the invariant check is bounded too")
                .contains("did not answer within 5 s");
    }

    @Test
    void aReplicaKilledMidRunLeavesAThreeReplicaClusterCommitting() throws Exception {
        var manifest = new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: tb-replica-lost}
                spec:
                  database: {engine: tigerbeetle, replicas: 3}
                  workload: {accounts: 1000, concurrency: 64, warmup: 2s, duration: 8s, seed: 5}
                  runs: 1
                  faults:
                    - {node: replica-1, action: kill, at: 2s}
                """, "test");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        new LocalRunner(new PrintStream(console, true, java.nio.charset.StandardCharsets.UTF_8), results,
                Optional.empty(), new LoadgenMetrics("tigerbeetle", "test"), Duration.ofSeconds(5)).run(manifest);
        RunResult run = ResultsWriter.json().readValue(results.resolve("tb-replica-lost/run-1.json").toFile(),
                RunResult.class);
        String out = console.toString(java.nio.charset.StandardCharsets.UTF_8);
        var lost = run.faults().faults().getFirst();
        assertThat(lost.expectedToKeepCommitting()).isTrue();
        assertThat(lost.keptCommitting()).as(out).isTrue();
        assertThat(run.invariants().ok()).as(out).isTrue();
    }
}
