package io.ledgerbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.result.ComparisonCsv;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.ledgerbench.operator.api.v1alpha1.Examples;
import io.ledgerbench.operator.api.v1alpha1.RunStatus;
import io.ledgerbench.operator.model.DatabaseConfig;
import io.ledgerbench.operator.resources.PrometheusServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole BenchmarkRuns, restarts and failures: the operator against an API server, with
 * {@link SimulatedCluster} playing kubelets, controllers and load-generator pods. Each subclass
 * supplies the server (the fabric8 mock; a real kube-apiserver with RBAC) and what only it can show.
 */
abstract class BenchmarkRunLifecycleTest {

    static final String PG = "pg-fair-medium";
    static final String TB = "tb-medium";
    private static final OperatorSettings SETTINGS = new OperatorSettings(Duration.ofMinutes(20), Duration.ofMinutes(30),
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofMillis(50), Duration.ZERO,
            null);

    /** Tells the operator's requests apart from the simulated cluster's. */
    static final String OPERATOR_USER_AGENT = "ledgerbench-operator-under-test";

    /** The client of the test itself and of the simulated cluster's controllers: may do anything. */
    KubernetesClient client;
    /** This test's namespace (a real server keeps one per test; the mock server is new for each test). */
    String namespace;

    private final TestClock clock = new TestClock();
    /** The /metrics of the operator started last (each operator process has its own). */
    private PrometheusMeterRegistry metrics;
    private final List<Operator> operators = new ArrayList<>();
    private SimulatedCluster cluster;

    /** The CRDs installed, the client ready, a namespace for this test; returns the client. */
    abstract KubernetesClient prepareServer() throws IOException;

    /** A namespace of its own for this test. */
    abstract String newNamespace();

    /** The operator as it runs against this server, talking through its own client. */
    abstract Operator newOperator();

    /** The client the load-generator pods of that benchmark would have (its ServiceAccount's). */
    abstract KubernetesClient loadgenClient(String benchmark);

    /** What the server says its version is. */
    abstract String kubernetesVersion();

    /** Waits until owned objects whose owner is gone are deleted, by the real collector or a played one. */
    abstract void collectGarbage();

    @BeforeEach
    void prepareClusterAndNamespace() throws IOException {
        client = prepareServer();
        namespace = newNamespace();
        cluster = new SimulatedCluster(client, namespace, this::loadgenClient).withNodes();
    }

    SimulatedCluster cluster() {
        return cluster;
    }

    @AfterEach
    void stopOperators() {
        operators.forEach(Operator::stop);
        // Unfinished benchmarks would hold the shared node pools for the next test on the same server.
        client.resources(io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison.class).inNamespace(namespace).delete();
        client.resources(BenchmarkRun.class).inNamespace(namespace).delete();
    }

    Operator startOperator() {
        return startOperator(SETTINGS);
    }

    Operator startOperator(OperatorSettings settings) {
        Operator operator = newOperator();
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        operator.register(new BenchmarkRunReconciler(settings, clock, metrics));
        operator.register(new io.ledgerbench.operator.comparison.BenchmarkComparisonReconciler());
        operator.start();
        operators.add(operator);
        return operator;
    }

    BenchmarkRun apply(String example) {
        return apply(example, UnaryOperator.identity());
    }

    /** Applies the example after edit changed its YAML, as a user would change a copy of it. */
    BenchmarkRun apply(String example, UnaryOperator<String> edit) {
        try {
            String yaml = edit.apply(Files.readString(Examples.DIRECTORY.resolve(example)));
            BenchmarkRun run = Serialization.unmarshal(yaml, BenchmarkRun.class);
            run.getMetadata().setNamespace(namespace);
            return client.resource(run).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BenchmarkRun get(String name) {
        return client.resources(BenchmarkRun.class).inNamespace(namespace).withName(name).get();
    }

    BenchmarkPhase phase(String name) {
        BenchmarkRun run = get(name);
        return run == null || run.getStatus() == null ? null : run.getStatus().getPhase();
    }

    /** Lets the cluster run until the status satisfies until, or the BenchmarkRun is final. */
    private BenchmarkRunStatus runUntil(String name, Predicate<BenchmarkRunStatus> until) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                cluster.tick();
                BenchmarkRun run = get(name);
                BenchmarkRunStatus status = run == null ? null : run.getStatus();
                return status != null && status.getPhase() != null && (until.test(status) || status.getPhase().isFinal());
            });
        } catch (ConditionTimeoutException e) {
            BenchmarkRun run = get(name);
            throw new AssertionError(name + " did not get there; its status: "
                    + (run == null || run.getStatus() == null ? "none" : describe(run.getStatus())), e);
        }
        return get(name).getStatus();
    }

    /** A two-variant, two-round comparison on the example's node pools. */
    void applyComparison() {
        client.resource(io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkComparison
                metadata: {name: cmp}
                spec:
                  baseline: procedure
                  database:
                    engine: postgresql
                    replicas: 3
                    placement:
                      nodeSelector: {ledgerbench.io/node-group: database}
                      tolerations: [{key: ledgerbench.io/dedicated, operator: Equal, value: database, effect: NoSchedule}]
                    postgresql: {synchronousCommit: remote_apply, synchronousStandbys: 1}
                  variants:
                    - {name: procedure, database: {postgresql: {mode: procedure}}}
                    - {name: batched, database: {postgresql: {mode: batched}}}
                  workload: {accounts: 1000, warmup: 1s, duration: 2s}
                  loadgen: {parallelism: 1, placement: {nodeSelector: {ledgerbench.io/node-group: loadgen}}}
                  runs: 2
                """, io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison.class)).inNamespace(namespace).create();
    }

    io.ledgerbench.operator.api.v1alpha1.BenchmarkComparisonStatus comparisonToTheEnd(String name) {
        var comparisons = client.resources(io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison.class)
                .inNamespace(namespace);
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
                cluster.tick();
                var status = comparisons.withName(name).get().getStatus();
                return status != null && status.phase() != null && status.phase().isFinal();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not finish; its status: " + comparisons.withName(name).get()
                    .getStatus(), e);
        }
        return comparisons.withName(name).get().getStatus();
    }

    /** Both engines and a comparison to their ends: every kind of request the operator makes. */
    void runBothEnginesAndAComparison() {
        startOperator();
        apply("postgresql-fair.yaml");
        apply("tigerbeetle-3node.yaml");
        assertThat(runToTheEnd(PG).getPhase()).isEqualTo(BenchmarkPhase.Succeeded);
        assertThat(runToTheEnd(TB).getPhase()).isEqualTo(BenchmarkPhase.Succeeded);
        applyComparison();
        assertThat(comparisonToTheEnd("cmp").phase())
                .isEqualTo(io.ledgerbench.operator.api.v1alpha1.BenchmarkComparisonStatus.ComparisonPhase.Succeeded);
    }

    BenchmarkRunStatus runToTheEnd(String name) {
        return runUntil(name, status -> false);
    }

    static String describe(BenchmarkRunStatus status) {
        return status.getPhase() + " " + status.getReason() + ": " + status.getMessage();
    }

    ConfigMap results(String name) {
        return client.configMaps().inNamespace(namespace).withName(name + "-results").get();
    }

    @Test
    void aPostgresBenchmarkWithThreeRunsSucceedsWithEveryRunAndASummaryInStatus() throws Exception {
        startOperator();
        apply("postgresql-fair.yaml");

        BenchmarkRunStatus status = runToTheEnd(PG);

        assertThat(status.getPhase()).as(describe(status)).isEqualTo(BenchmarkPhase.Succeeded);
        assertThat(status.getRuns()).extracting(RunStatus::run).containsExactly(1, 2, 3);
        assertThat(status.getRuns()).allSatisfy(run -> {
            assertThat(run.invariants().ok()).isTrue();
            assertThat(run.completed()).isPositive();
            assertThat(run.clientJitSeconds()).isPositive(); // the busiest pod's, from the pods' results
            // No Prometheus configured here: said, not zeros (ClusterResourceMeterTest queries a real one).
            assertThat(run.resources().cpuMicrosPerTransfer()).isNull();
            assertThat(run.resources().notMeasured()).containsExactly("no Prometheus configured (Helm value prometheus.url)");
        });
        assertThat(status.getProgress()).isEqualTo("3/3");
        assertThat(status.getSeed()).isNotNull();
        assertThat(status.getSummary().throughput().n()).isEqualTo(3);
        assertThat(status.getSummary().throughput().ci95Low()).isNotNull();
        assertThat(status.getSummary().throughput().ci95High()).isGreaterThan(status.getSummary().throughput().ci95Low());
        assertThat(status.getThroughput()).isPositive();
        assertThat(status.getP99Ms()).isPositive();
        assertThat(status.getValid()).isTrue();
        assertThat(status.getResultsConfigMap()).isEqualTo(PG + "-results");
        assertThat(status.getConditions()).anySatisfy(condition -> {
            assertThat(condition.getType()).isEqualTo("Valid");
            assertThat(condition.getStatus()).isEqualTo("True");
        });
    }

    @Test
    void aSaturationRunReportsTheSustainableRateOfThePodsMergedStepsAndTheCurve() throws Exception {
        startOperator();
        apply("saturation.yaml");

        BenchmarkRunStatus status = runToTheEnd("pg-fair-saturation");

        assertThat(status.getPhase()).as(describe(status)).isEqualTo(BenchmarkPhase.Succeeded);
        assertThat(status.getRuns()).hasSize(3).allSatisfy(run -> {
            assertThat(run.sustainableRate()).isEqualTo(3000);
            assertThat(run.p99AtSustainableMs()).isCloseTo(4, org.assertj.core.api.Assertions.within(0.01));
            // The run's own figures are the sustainable step's, all three pods' shares together.
            assertThat(run.completed()).isEqualTo(30_000);
            assertThat(run.invariants().ok()).isTrue();
            assertThat(run.invariants().completedTransfers()).as("the probe's and every step's")
                    .isEqualTo(45_000 + 15_000 + 30_000 + 36_000);
        });
        assertThat(status.getSummary().sustainableRate().mean()).isEqualTo(3000);
        assertThat(status.getValid()).isTrue();
        String report = client.configMaps().inNamespace(namespace).withName("pg-fair-saturation-results").get()
                .getData().get("report.txt");
        assertThat(report).contains("run 3 search: objective p99 <= 20.00 ms").contains("missed: p99 80.0")
                .contains("sustainable 3000.0/s");
    }

    @Test
    void aFaultDeletesItsNodesPodMidMeasurementWithAnEventAndTheRunSaysWhatTheOutageDid() throws Exception {
        startOperator();
        apply("faults.yaml", yaml -> yaml.replace("runs: 3", "runs: 1"));
        String name = "pg-fair-standby-lost";
        String standby = name + "-db-1";
        runUntil(name, status -> status.getPhase() == BenchmarkPhase.Running
                && new io.ledgerbench.loadgen.cluster.ClusterExchange(client, namespace, name, "x").startReleased(1));
        String standbyUid = client.pods().inNamespace(namespace).withName(standby).get().getMetadata().getUid();

        cluster.holdBack(standby);
        clock.advance(Duration.ofSeconds(120 + 61)); // the warmup, then 61 s into the measurement: the fault is due
        runUntil(name, current -> new io.ledgerbench.loadgen.cluster.ClusterExchange(client, namespace, name, "x")
                .faults(1).size() == 1);
        clock.advance(Duration.ofSeconds(5)); // the node takes 5 s to come back
        cluster.bringBack(standby);
        BenchmarkRunStatus status = runToTheEnd(name);

        assertThat(status.getPhase()).as(describe(status)).isEqualTo(BenchmarkPhase.Succeeded);
        assertThat(client.pods().inNamespace(namespace).withName(standby).get().getMetadata().getUid())
                .as("the StatefulSet's new pod").isNotEqualTo(standbyUid);
        assertThat(client.v1().events().inNamespace(namespace).list().getItems())
                .anySatisfy(event -> {
                    assertThat(event.getReason()).isEqualTo(io.ledgerbench.operator.model.FaultEvent.INJECTED);
                    assertThat(event.getMessage()).contains("kill standby-1").contains("keeps committing");
                });
        io.ledgerbench.loadgen.result.RunResult run = io.ledgerbench.loadgen.result.ResultsWriter.json().readValue(
                results(name).getData().get("run-1.json"), io.ledgerbench.loadgen.result.RunResult.class);
        assertThat(run.faults().faults()).singleElement().satisfies(fault -> {
            assertThat(fault.appliedAtSeconds()).isEqualTo(61.0);
            assertThat(fault.restartedAtSeconds()).isEqualTo(66.0);
            assertThat(fault.keptCommitting()).isTrue();
            assertThat(fault.asExpected()).isTrue();
            assertThat(fault.answeredPerSecBefore()).isEqualTo(300.0); // 3 pods x 10 per 100 ms
        });
        assertThat(run.faults().longestGapSeconds()).isEqualTo(0.3);
        assertThat(status.getRuns()).singleElement().satisfies(shown -> {
            assertThat(shown.longestGapSeconds()).isEqualTo(0.3);
            assertThat(shown.faultsAsExpected()).isTrue();
        });
        assertThat(results(name).getData().get("report.txt")).contains("longest stretch with no answered transfer 0.3 s");
    }

    @Test
    void theResultsConfigMapHoldsEveryRunTheAggregateTheCsvAndTheReport() throws Exception {
        startOperator();
        apply("postgresql-fair.yaml");
        BenchmarkRunStatus status = runToTheEnd(PG);
        assertThat(status.getPhase()).as(describe(status)).isEqualTo(BenchmarkPhase.Succeeded);

        Map<String, String> data = results(PG).getData();
        assertThat(data).containsKeys("run-1.json", "run-2.json", "run-3.json", "aggregate.json", "comparison.csv",
                "report.txt");
        var aggregate = ResultsWriter.json().readTree(data.get("aggregate.json"));
        assertThat(aggregate.get("runs").asInt()).isEqualTo(3);
        assertThat(aggregate.get("seed").asLong()).isEqualTo(status.getSeed());
        assertThat(aggregate.get("valid").asBoolean()).isTrue();
        assertThat(aggregate.get("throughputPerSec").get("mean").asDouble()).isEqualTo(status.getThroughput(),
                org.assertj.core.data.Offset.offset(0.1));
        var run2 = ResultsWriter.json().readTree(data.get("run-2.json"));
        assertThat(run2.get("latencyHistogram").asText()).isNotBlank();
        assertThat(run2.get("spec").get("workload").get("seed").asLong()).isEqualTo(status.getSeed());
        List<String> csv = data.get("comparison.csv").lines().toList();
        assertThat(csv).hasSize(5);
        assertThat(csv.getFirst()).isEqualTo(ComparisonCsv.HEADER);
        assertThat(csv.get(1)).startsWith(PG + ",run-1,postgresql,3,");
        assertThat(data.get("report.txt")).contains("VALID");
        assertThat(data.get("report.html")).contains("render-status").contains(PG);
        assertThat(results(PG).getData().entrySet().stream().mapToInt(entry -> entry.getKey().length()
                + entry.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum())
                .as("a results ConfigMap holds at most 1 MiB").isLessThan(1024 * 1024);
    }

    @Test
    void theEnvironmentRecordsVersionsNodesAndTheStorageCheck() {
        startOperator();
        apply("postgresql-fair.yaml");
        BenchmarkRunStatus status = runToTheEnd(PG);

        var environment = status.getEnvironment();
        assertThat(environment.storageCheck()).startsWith("passed:").contains(PG + "-db-1 " + SimulatedCluster.DEVICE);
        assertThat(environment.databaseNodes()).containsEntry(PG + "-db-0", "db-0 (i4i.xlarge)");
        assertThat(environment.loadgenNodes()).containsEntry("pod-2", "lg-2 (c5.large)");
        assertThat(environment.serverVersion()).isEqualTo("PostgreSQL 18");
        assertThat(environment.kubernetesVersion()).isEqualTo(kubernetesVersion());
        assertThat(environment.databaseRoundTrips()).hasSize(6).anySatisfy(pair -> {
            assertThat(pair.fromNode() + " -> " + pair.toNode()).isEqualTo("db-0 -> db-2");
            assertThat(pair.p99Ms()).isCloseTo(0.4, within(0.001));
        });
    }

    @Test
    void everyPhaseChangeIsAnEventOnTheBenchmarkRun() {
        startOperator();
        apply("postgresql-fair.yaml");
        runToTheEnd(PG);
        List<String> reasons = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(event -> PG.equals(event.getInvolvedObject().getName())).map(Event::getReason).toList();
        assertThat(reasons).contains("Queued", "Provisioning", "Loading", "Running", "Verifying", "Aggregating",
                "Succeeded");
        assertThat(reasons.stream().filter("Running"::equals)).hasSize(3);
    }

    @Test
    void theDatabaseIsDeletedAfterTheLastRunButTheResultsStay() {
        startOperator();
        apply("postgresql-fair.yaml");
        assertThat(runToTheEnd(PG).getPhase()).isEqualTo(BenchmarkPhase.Succeeded);
        assertThat(client.apps().statefulSets().inNamespace(namespace).withName(PG + "-db").get()).isNull();
        assertThat(client.secrets().inNamespace(namespace).withName(PG + "-db-credentials").get()).isNull();
        assertThat(results(PG)).isNotNull();
    }

    @Test
    void aTigerBeetleBenchmarkFormatsAFreshClusterForEveryRun() {
        startOperator();
        apply("tigerbeetle-3node.yaml", yaml -> yaml + "  cleanup: {deleteDatabase: false}\n");
        BenchmarkRunStatus status = runToTheEnd(TB);

        assertThat(status.getPhase()).as(describe(status)).isEqualTo(BenchmarkPhase.Succeeded);
        assertThat(status.getRuns()).hasSize(3);
        // Every run was prepared on 3 replicas started with that run's configuration (its own data file), and
        // no two runs shared one. (A pod may be created twice in a run when the simulated StatefulSet controller
        // read the template just before the operator changed it: the operator replaces it again.)
        BenchmarkRun owner = get(TB);
        for (int run = 1; run <= 3; run++) {
            assertThat(cluster.configurationsPrepared().get(run)).as("run %d", run)
                    .containsExactly(DatabaseConfig.hash(DatabaseConfig.tigerbeetle(owner, run)));
        }
        assertThat(cluster.databasePodsCreated()).as("3 replicas replaced for each of 3 runs").isGreaterThanOrEqualTo(9);
        ConfigMap config = client.configMaps().inNamespace(namespace).withName(TB + "-db-config").get();
        assertThat(config.getData()).containsEntry(DatabaseConfig.RUN_KEY, "3");
        StatefulSet database = client.apps().statefulSets().inNamespace(namespace).withName(TB + "-db").get();
        List<EnvVar> environment = database.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
        assertThat(environment).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("ADDRESSES");
            assertThat(variable.getValue()).matches("(\\d+\\.\\d+\\.\\d+\\.\\d+:3000,){2}\\d+\\.\\d+\\.\\d+\\.\\d+:3000");
        });
    }

    @Test
    void aNewOperatorStartedMidRunFinishesWithoutLosingOrDoubleCountingARun() {
        Operator first = startOperator();
        apply("postgresql-fair.yaml");
        BenchmarkRunStatus midway = runUntil(PG, status -> status.getPhase() == BenchmarkPhase.Running
                && status.getRun() == 2);
        assertThat(midway.getRuns()).hasSize(1);
        first.stop();
        operators.remove(first);

        startOperator();
        BenchmarkRunStatus status = runToTheEnd(PG);

        assertThat(status.getPhase()).as(describe(status)).isEqualTo(BenchmarkPhase.Succeeded);
        assertThat(status.getRuns()).extracting(RunStatus::run).containsExactly(1, 2, 3);
        assertThat(status.getSeed()).isEqualTo(midway.getSeed());
        assertThat(results(PG).getData().keySet().stream().filter(key -> key.startsWith("run-"))).hasSize(3);
        ClusterExchange exchange = new ClusterExchange(client, namespace, PG, get(PG).getMetadata().getUid());
        assertThat(exchange.podResults(2)).hasSize(3);
    }

    @Test
    void aFailingLoadGeneratorPodFailsTheBenchmarkNamingThePod() {
        cluster.failLoadPod(PG, 2, 1);
        startOperator();
        apply("postgresql-fair.yaml");
        BenchmarkRunStatus status = runToTheEnd(PG);

        assertThat(status.getPhase()).isEqualTo(BenchmarkPhase.Failed);
        assertThat(status.getReason()).isEqualTo("LoadgenPodFailed");
        assertThat(status.getMessage()).contains("run 2: pod " + PG + "-r2-load-1-x7k2p of Job " + PG + "-r2-load failed: exit code 4")
                .contains("start barrier");
        assertThat(status.getRuns()).hasSize(1);
    }

    @Test
    void aDatabasePodThatNeverBecomesReadyFailsTheBenchmarkNamingThePodAfterTheTimeout() {
        cluster.neverReady(PG + "-db-1");
        startOperator();
        apply("postgresql-fair.yaml");
        BenchmarkRunStatus waiting = runUntil(PG, status -> status.getMessage() != null
                && status.getMessage().contains("CrashLoopBackOff"));
        assertThat(waiting.getPhase()).isEqualTo(BenchmarkPhase.Provisioning);

        clock.advance(SETTINGS.provisioningTimeout().plusSeconds(1));
        BenchmarkRunStatus status = runToTheEnd(PG);

        assertThat(status.getPhase()).isEqualTo(BenchmarkPhase.Failed);
        assertThat(status.getReason()).isEqualTo("ProvisioningTimeout");
        assertThat(status.getMessage()).contains("within 1200 s")
                .contains(PG + "-db-1 (container postgres waiting: CrashLoopBackOff");
    }

    @Test
    void localNvmeStorageOnTheRootEbsVolumeFailsTheBenchmark() {
        cluster.storageReport(SimulatedCluster.ROOT_EBS_REPORT);
        startOperator();
        apply("postgresql-fair.yaml");
        BenchmarkRunStatus status = runToTheEnd(PG);
        assertThat(status.getPhase()).isEqualTo(BenchmarkPhase.Failed);
        assertThat(status.getReason()).isEqualTo("StorageCheckFailed");
        assertThat(status.getMessage()).contains(PG + "-db-0 (/dev/nvme0n1p1 on nvme0n1: Amazon Elastic Block Store; EBS)");
    }

    @Test
    void anInvalidSpecFailsNamingTheFieldAndCreatesNothing() {
        startOperator();
        apply("postgresql-fair.yaml", yaml -> yaml.replace("parameters: {", "parameters: {fsync: \"off\", "));
        BenchmarkRunStatus status = runToTheEnd(PG);

        assertThat(status.getPhase()).isEqualTo(BenchmarkPhase.Failed);
        assertThat(status.getReason()).isEqualTo("InvalidSpec");
        assertThat(status.getMessage()).contains("spec.database.postgresql.parameters");
        assertThat(cluster.everything()).isEmpty();
    }

    @Test
    void aVerifyPodThatDiesWithoutACheckFailsTheBenchmarkNamingThePod() {
        cluster.failVerifyPod(PG, 1);
        startOperator();
        apply("postgresql-fair.yaml");
        BenchmarkRunStatus status = runToTheEnd(PG);

        assertThat(status.getPhase()).isEqualTo(BenchmarkPhase.Failed);
        assertThat(status.getReason()).isEqualTo("VerifyFailed");
        assertThat(status.getMessage()).contains("run 1: pod " + PG + "-r1-verify-0-x7k2p of Job " + PG + "-r1-verify failed")
                .contains("cannot connect to PostgreSQL");
        assertThat(status.getRuns()).isEmpty();
    }

    @Test
    void aViolatedInvariantMakesTheBenchmarkInvalidButStillFinished() {
        cluster.violateInvariants();
        startOperator();
        apply("postgresql-fair.yaml");
        BenchmarkRunStatus status = runToTheEnd(PG);
        assertThat(status.getPhase()).as(describe(status)).isEqualTo(BenchmarkPhase.Succeeded);
        assertThat(status.getValid()).isFalse();
        assertThat(status.getRuns()).allSatisfy(run -> assertThat(run.invariants().ok()).isFalse());
        assertThat(status.getSummary().warnings()).anySatisfy(warning -> assertThat(warning).contains("invariant"));
    }

    @Test
    void deletingTheBenchmarkRunLeavesNothingBehind() {
        startOperator();
        apply("postgresql-fair.yaml");
        runUntil(PG, status -> status.getPhase() == BenchmarkPhase.Running && status.getRun() == 2);
        assertThat(cluster.everything()).isNotEmpty();

        client.resources(BenchmarkRun.class).inNamespace(namespace).withName(PG).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(PG) == null);
        collectGarbage();

        List<HasMetadata> left = cluster.everything();
        assertThat(left).as("objects left: %s", left.stream().map(object -> object.getKind() + "/"
                + object.getMetadata().getName()).toList()).isEmpty();
    }

    @Test
    void theOperatorsMetricsShowThePhaseEveryFinishedRunAndTheDatabaseRoundTrips() {
        startOperator();
        apply("postgresql-fair.yaml");
        BenchmarkRunStatus status = runToTheEnd(PG);

        String scrape = metrics.scrape();
        assertThat(scrape).contains("ledgerbench_benchmarkrun_phase{benchmarkrun=\"" + PG
                + "\",engine=\"postgresql\",mode=\"maxThroughput\",namespace=\"" + namespace
                + "\",phase=\"Succeeded\"} 1")
                .contains("phase=\"Running\"} 0");
        for (RunStatus run : status.getRuns()) {
            assertThat(scrape).containsPattern("ledgerbench_benchmarkrun_result_throughput_transfers_per_second\\{[^}]*run=\""
                    + run.run() + "\"\\} " + Pattern.quote(String.valueOf(run.throughput())));
        }
        assertThat(scrape).containsPattern("ledgerbench_benchmarkrun_result_latency_seconds\\{[^}]*percentile=\"p99\",run=\"3\"\\}")
                .containsPattern("ledgerbench_database_round_trip_seconds\\{[^}]*from_node=\"db-0\"[^}]*statistic=\"p99\",to_node=\"db-2\"\\} 4\\.00\\d*E-4");
    }

    @Test
    void deletingTheBenchmarkRunRemovesItsMetrics() {
        startOperator();
        apply("postgresql-fair.yaml");
        runUntil(PG, status -> status.getRun() != null && status.getRun() == 2);
        assertThat(metrics.scrape()).contains("benchmarkrun=\"" + PG + "\"");

        client.resources(BenchmarkRun.class).inNamespace(namespace).withName(PG).delete();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(metrics.scrape()).doesNotContain("benchmarkrun=\"" + PG + "\""));
    }

    @Test
    void aSecondBenchmarkOnTheSameNodesWaitsQueuedBehindTheFirst() {
        startOperator();
        apply("postgresql-fair.yaml");
        runUntil(PG, status -> status.getPhase() == BenchmarkPhase.Provisioning);
        apply("postgresql-fair.yaml", yaml -> yaml.replace("name: " + PG, "name: pg-second"));

        BenchmarkRunStatus queued = runUntil("pg-second", status -> status.getQueuedBehind() != null);
        assertThat(queued.getPhase()).isEqualTo(BenchmarkPhase.Queued);
        assertThat(queued.getQueuedBehind()).isEqualTo(namespace + "/" + PG);

        assertThat(runToTheEnd(PG).getPhase()).isEqualTo(BenchmarkPhase.Succeeded);
        BenchmarkRunStatus second = runToTheEnd("pg-second");
        assertThat(second.getPhase()).as(describe(second)).isEqualTo(BenchmarkPhase.Succeeded);
        assertThat(second.getQueuedBehind()).isNull();
    }

    @Test
    void benchmarksOnDisjointNodePoolsRunTogether() {
        startOperator();
        apply("postgresql-fair.yaml");
        runUntil(PG, status -> status.getPhase() == BenchmarkPhase.Provisioning);
        apply("postgresql-fair.yaml", yaml -> yaml.replace("name: " + PG, "name: pg-elsewhere")
                .replace("node-group: database}", "node-group: other-database}")
                .replace("node-group: loadgen}", "node-group: other-loadgen}"));
        BenchmarkRunStatus other = runUntil("pg-elsewhere", status -> status.getPhase() == BenchmarkPhase.Provisioning);
        assertThat(other.getPhase()).as(describe(other)).isEqualTo(BenchmarkPhase.Provisioning);
        assertThat(phase(PG)).isNotIn(BenchmarkPhase.Succeeded, BenchmarkPhase.Failed, BenchmarkPhase.Queued);
    }

    @Test
    void aComparisonRunsItsChildBenchmarkRunsOneAtATimeToAVerdict() {
        startOperator();
        applyComparison();

        var status = comparisonToTheEnd("cmp");

        assertThat(status.phase()).as(status.toString())
                .isEqualTo(io.ledgerbench.operator.api.v1alpha1.BenchmarkComparisonStatus.ComparisonPhase.Succeeded);
        assertThat(status.order()).containsExactly("round 1: procedure, batched", "round 2: batched, procedure");
        assertThat(status.ratios()).singleElement().satisfies(ratio -> assertThat(ratio.pairedRounds()).isEqualTo(2));
        assertThat(status.verdict()).isNotBlank();
        assertThat(get("cmp-procedure-r1").getStatus().getPhase()).isEqualTo(BenchmarkPhase.Succeeded);
        assertThat(results("cmp").getData()).containsKeys("comparison.json", "report.html");

        client.resources(io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison.class).inNamespace(namespace)
                .withName("cmp").delete();
        collectGarbage();
        assertThat(client.resources(BenchmarkRun.class).inNamespace(namespace).list().getItems())
                .as("deleting the comparison deletes its children").isEmpty();
    }

    @Test
    void withAPrometheusConfiguredEveryRunsStatusSaysWhatTheDatabaseSpentAndWhatItCouldNotMeasure(@TempDir Path work) {
        assumeTrue(PrometheusServer.isAvailable(), PrometheusServer.ABSENT);
        List<String> nodes = List.of("db-0", "db-1", "db-2"); // the nodes SimulatedCluster puts the database pods on
        try (PrometheusServer prometheus = PrometheusServer.start(work, List.of(), nodes)) {
            prometheus.awaitSamplesOfEveryNode(nodes);
            startOperator(SETTINGS.withPrometheus(prometheus.uri()));
            apply("postgresql-fair.yaml");

            BenchmarkRunStatus status = runToTheEnd(PG);

            assertThat(status.getPhase()).as(describe(status)).isEqualTo(BenchmarkPhase.Succeeded);
            assertThat(status.getValid()).isTrue();
            assertThat(status.getRuns()).allSatisfy(run -> {
                assertThat(run.resources().nodeCpuSeconds()).as("node-exporter of every database node").isPositive();
                assertThat(run.resources().networkSentBytes()).isNotNull();
                // No kubelet here (cAdvisor), and this machine has no nvme1n1 (the data disk the probes reported).
                assertThat(run.resources().cpuMicrosPerTransfer()).isNull();
                assertThat(run.resources().diskBytesWrittenPerTransfer()).isNull();
                assertThat(run.resources().notMeasured()).anySatisfy(reason ->
                        assertThat(reason).startsWith("container CPU seconds: Prometheus has no series for"));
            });
            assertThat(results(PG).getData().get("report.txt")).contains("run 1     CPU (not measured) us");
        }
    }
}
