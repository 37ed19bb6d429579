package io.ledgerbench.operator.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ledgerbench.loadgen.comparison.BenchmarkComparisonSpec;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.measure.PhaseRecorder;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.result.DurabilityAssessment;
import io.ledgerbench.loadgen.result.Environment;
import io.ledgerbench.loadgen.result.ResultCalculator;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkComparisonStatus;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkComparisonStatus.ComparisonPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.ledgerbench.operator.dependent.ResultsStore;
import io.ledgerbench.operator.model.ComparisonChildren;
import io.ledgerbench.operator.model.ComparisonResultsConfigMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The comparison's lifecycle against the fabric8 mock API server: children created one at a time in the
 * interleaved order, each finished child standing in for what the BenchmarkRun reconciler does (its status
 * and its results ConfigMap), a failed child failing only its variant's round, a restart, and ownership.
 */
@EnableKubernetesMockClient(crud = true)
class BenchmarkComparisonReconcilerTest {

    private static final String NAMESPACE = "bench";

    KubernetesClient client;

    private BenchmarkComparison comparison;

    @BeforeEach
    void applyComparison() {
        BenchmarkComparison resource = Serialization.unmarshal("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkComparison
                metadata: {name: modes, namespace: bench}
                spec:
                  baseline: procedure
                  database: {engine: postgresql, replicas: 3, postgresql: {synchronousCommit: remote_apply,
                             synchronousStandbys: 1}}
                  variants:
                    - {name: procedure, database: {postgresql: {mode: procedure}}}
                    - {name: batched, database: {postgresql: {mode: batched}}}
                  workload: {accounts: 1000, warmup: 1s, duration: 10s, seed: 11}
                  runs: 3
                """, BenchmarkComparison.class);
        comparison = client.resource(resource).create();
    }

    /** One reconcile step, as the controller would run it, with the status written back. */
    private BenchmarkComparisonStatus step() {
        BenchmarkComparison current = client.resources(BenchmarkComparison.class).inNamespace(NAMESPACE)
                .withName("modes").get();
        BenchmarkComparisonStatus status = new BenchmarkComparisonReconciler().next(current, client);
        current.setStatus(status);
        client.resource(current).updateStatus();
        return status;
    }

    private List<String> childrenInCreationOrder() {
        return client.resources(BenchmarkRun.class).inNamespace(NAMESPACE).list().getItems().stream()
                .sorted(java.util.Comparator.comparing(run -> Integer.parseInt(run.getMetadata().getResourceVersion())))
                .map(run -> run.getMetadata().getName()).toList();
    }

    /** What the BenchmarkRun reconciler leaves when a child succeeds: a result and phase Succeeded. */
    private void succeed(String child, double transfersPerSecond) {
        BenchmarkRun run = client.resources(BenchmarkRun.class).inNamespace(NAMESPACE).withName(child).get();
        new ResultsStore(client).writeRun(run, result(run, transfersPerSecond));
        finish(run, BenchmarkPhase.Succeeded, null);
    }

    private void fail(String child, String reason) {
        finish(client.resources(BenchmarkRun.class).inNamespace(NAMESPACE).withName(child).get(), BenchmarkPhase.Failed,
                reason);
    }

    private void finish(BenchmarkRun run, BenchmarkPhase phase, String reason) {
        BenchmarkRunStatus status = new BenchmarkRunStatus();
        status.setPhase(phase);
        status.setReason(reason);
        status.setMessage(reason == null ? null : "pod " + run.getMetadata().getName() + "-load-0 failed");
        run.setStatus(status);
        client.resource(run).updateStatus();
    }

    private static RunResult result(BenchmarkRun run, double transfersPerSecond) {
        PhaseRecorder measurement = new PhaseRecorder();
        for (int i = 0; i < (int) (transfersPerSecond * 10); i++) {
            measurement.recordOutcome(TransferOutcome.COMPLETED, null, 2_000_000, 2_000_000);
        }
        // A realistic timeline: the default 120 s warmup and 300 s measurement, one count per second.
        long[] perSecond = new long[421];
        java.util.Arrays.fill(perSecond, (long) transfersPerSecond);
        RunMeasurement measured = new RunMeasurement(new PhaseRecorder().snapshot(), measurement.snapshot(),
                10_000_000_000L, perSecond, 0.1, 0, null);
        Environment environment = new Environment("postgresql", "PostgreSQL 18", "vertx-pg-client", "loadgen", "jvm",
                "os", 2, 1L, "cluster", Map.of(), DurabilityAssessment.of(run.getSpec().database()));
        return ResultCalculator.runResult(run.getMetadata().getName(), 1, run.getSpec(),
                run.getSpec().workload().seed(), Instant.EPOCH, Instant.EPOCH, measured,
                InvariantReport.check(10, 100, 10, 100, 0, 5, 0, 5), environment);
    }

    /** Steps until a child is in flight, finishes it with the given throughput per variant, and repeats. */
    private List<String> runAll(Map<String, Double> throughputByVariant, String failing) {
        List<String> order = new ArrayList<>();
        while (true) {
            BenchmarkComparisonStatus status = step();
            if (status.phase().isFinal()) {
                return order;
            }
            String child = status.currentRun();
            assertThat(childrenInCreationOrder()).as("one child at a time").last().isEqualTo(child);
            order.add(child);
            String variant = client.resources(BenchmarkRun.class).inNamespace(NAMESPACE).withName(child).get()
                    .getMetadata().getLabels().get(ComparisonChildren.VARIANT_LABEL);
            if (child.equals(failing)) {
                fail(child, "RunningTimeout");
            } else {
                succeed(child, throughputByVariant.get(variant));
            }
        }
    }

    @Test
    void childrenAreCreatedOneAtATimeInTheInterleavedRotatedOrder() {
        List<String> order = runAll(Map.of("procedure", 100.0, "batched", 1000.0), null);

        assertThat(order).containsExactly("modes-procedure-r1", "modes-batched-r1", "modes-batched-r2",
                "modes-procedure-r2", "modes-procedure-r3", "modes-batched-r3");
    }

    @Test
    void eachChildIsOneRunOfItsVariantWithItsRoundsSeedAndOwnedByTheComparison() {
        step();
        BenchmarkRun first = client.resources(BenchmarkRun.class).inNamespace(NAMESPACE).withName("modes-procedure-r1")
                .get();
        assertThat(first.getSpec().runs()).isEqualTo(1);
        assertThat(first.getMetadata().getAnnotations()).containsEntry(ComparisonChildren.SEED_ANNOTATION, "11");
        assertThat(first.getSpec().database().postgresql().mode().specValue()).isEqualTo("procedure");
        assertThat(first.getSpec().workload().seed())
                .isEqualTo(io.ledgerbench.loadgen.comparison.ComparisonSchedule.roundSeeds(11, 3).getFirst());
        assertThat(first.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("BenchmarkComparison");
            assertThat(owner.getUid()).isEqualTo(comparison.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
        });
    }

    @Test
    void aFinishedComparisonHasItsRatiosVerdictAndResultsConfigMap() {
        runAll(Map.of("procedure", 100.0, "batched", 1000.0), null);
        BenchmarkComparisonStatus status = client.resources(BenchmarkComparison.class).inNamespace(NAMESPACE)
                .withName("modes").get().getStatus();

        assertThat(status.phase()).isEqualTo(ComparisonPhase.Succeeded);
        assertThat(status.ratios()).singleElement().satisfies(ratio -> {
            assertThat(ratio.variant()).isEqualTo("batched");
            assertThat(ratio.throughputRatio()).isBetween(9.99, 10.01);
            assertThat(ratio.pairedRounds()).isEqualTo(3);
        });
        assertThat(status.bestRatio()).startsWith("batched 10.0x");
        assertThat(status.valid()).isTrue();
        assertThat(status.verdict()).startsWith("batched is 10.0x");
        ConfigMap results = client.configMaps().inNamespace(NAMESPACE).withName("modes-results").get();
        assertThat(results.getData()).containsKeys("comparison.json", "comparison.csv", "report.html");
        assertThat(ComparisonResultsConfigMap.dataBytes(results)).isLessThan(ComparisonResultsConfigMap.MAX_BYTES);
    }

    @Test
    void aFailedChildFailsItsVariantsRoundNotTheOthers() {
        runAll(Map.of("procedure", 100.0, "batched", 1000.0), "modes-batched-r2");
        BenchmarkComparisonStatus status = client.resources(BenchmarkComparison.class).inNamespace(NAMESPACE)
                .withName("modes").get().getStatus();

        assertThat(status.phase()).isEqualTo(ComparisonPhase.Succeeded);
        assertThat(status.valid()).isFalse();
        var batched = status.variants().stream().filter(v -> v.name().equals("batched")).findFirst().orElseThrow();
        var procedure = status.variants().stream().filter(v -> v.name().equals("procedure")).findFirst().orElseThrow();
        assertThat(batched.validRounds()).isEqualTo(2);
        assertThat(batched.failedRounds()).singleElement().asString()
                .contains("round 2", "modes-batched-r2", "RunningTimeout");
        assertThat(procedure.validRounds()).isEqualTo(3);
        assertThat(status.ratios().getFirst().pairedRounds()).isEqualTo(2);
    }

    @Test
    void aRestartedOperatorCarriesOnFromTheChildrenWithoutRepeatingOne() {
        step();
        succeed("modes-procedure-r1", 100);
        step();
        // A new reconciler instance (a restarted operator) sees the children and goes on with the third slot.
        BenchmarkComparisonStatus afterRestart = new BenchmarkComparisonReconciler().next(
                client.resources(BenchmarkComparison.class).inNamespace(NAMESPACE).withName("modes").get(), client);

        assertThat(afterRestart.currentRun()).isEqualTo("modes-batched-r1");
        assertThat(childrenInCreationOrder()).containsExactly("modes-procedure-r1", "modes-batched-r1");
    }

    @Test
    void aStatusThatLostItsSeedTakesItBackFromTheChildrenSoRoundsStayPaired() {
        // No seed in the spec: the first reconcile draws one and puts it on the child it creates.
        client.resource(comparison).delete();
        BenchmarkComparison copy = Serialization.unmarshal(Serialization.asYaml(comparison).replace("seed: 11",
                "seed: null"), BenchmarkComparison.class);
        copy.getMetadata().setResourceVersion(null);
        copy.getMetadata().setUid(null);
        copy.getMetadata().setCreationTimestamp(null);
        BenchmarkComparison unseeded = client.resource(copy).create();
        assertThat(unseeded.getSpec().workload().seed()).isNull();
        long drawn = step().seed();
        succeed("modes-procedure-r1", 100);
        BenchmarkComparison stale = client.resources(BenchmarkComparison.class).inNamespace(NAMESPACE).withName("modes")
                .get();
        stale.setStatus(BenchmarkComparisonStatus.pending()); // as a reconcile that reads a cache without the patch

        BenchmarkComparisonStatus status = new BenchmarkComparisonReconciler().next(stale, client);

        assertThat(status.seed()).isEqualTo(drawn);
        assertThat(client.resources(BenchmarkRun.class).inNamespace(NAMESPACE).withName("modes-batched-r1").get()
                .getSpec().workload().seed()).as("round 1's seed for the second variant too")
                .isEqualTo(io.ledgerbench.loadgen.comparison.ComparisonSchedule.roundSeeds(drawn, 3).getFirst());
    }

    @Test
    void aComparisonTheSchemaCouldNotRefuseFailsNamingTheFieldAndCreatesNothing() {
        client.resource(comparison).delete();
        BenchmarkComparison bad = Serialization.unmarshal("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkComparison
                metadata: {name: modes, namespace: bench}
                spec:
                  baseline: procedure
                  variants:
                    - {name: procedure, database: {postgresql: {mode: sideways}}}
                    - {name: batched, database: {postgresql: {mode: batched}}}
                """, BenchmarkComparison.class);
        client.resource(bad).create();

        BenchmarkComparisonStatus status = step();

        assertThat(status.phase()).isEqualTo(ComparisonPhase.Failed);
        assertThat(status.reason()).isEqualTo("InvalidSpec");
        assertThat(status.message()).contains("spec.variants[0].database.postgresql.mode");
        assertThat(childrenInCreationOrder()).isEmpty();
    }

    @Test
    void theSpecTypeKeepsEachVariantsDatabaseOverridesAsWritten() {
        BenchmarkComparisonSpec spec = comparison.getSpec();
        assertThat(spec.variants().get(1).database()).isEqualTo(ResultsWriter.json().valueToTree(
                Map.of("postgresql", Map.of("mode", "batched"))));
    }
}
