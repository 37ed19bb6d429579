package io.ledgerbench.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.PodResult;
import io.ledgerbench.loadgen.cluster.RunVerification;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subcommands load-generator pods run in a cluster (prepare, run --cluster-run, verify), on a
 * real PostgreSQL, coordinating through the fabric8 mock API server as they would through Kubernetes.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@EnableKubernetesMockClient(crud = true)
class ClusterCommandsTest {

    private static final String NAMESPACE = "bench";
    private static final String UID = "6d1c3a52-7a0e-4f4e-9a55-0c1b2d3e4f50";

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path directory;

    /** One thread per simulated pod: pods block on each other (barrier, echo), so they must run at once. */
    private final java.util.concurrent.ExecutorService pods = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    @org.junit.jupiter.api.AfterEach
    void stopPods() {
        pods.shutdownNow();
    }

    private record Execution(int exitCode, String out, String err) {
    }

    private Execution loadgen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = LoadgenCommand.commandLine(server::createClient).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
        return new Execution(exitCode, out.toString(), err.toString());
    }

    private Path spec(String name, int pods) throws Exception {
        Path file = directory.resolve(name + ".yaml");
        Files.writeString(file, """
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: %s}
                spec:
                  database: {replicas: 3, postgresql: {poolSize: 4}}
                  workload: {accounts: 500, concurrency: 4, warmup: 1s, duration: 2s, seed: 42}
                  loadgen: {parallelism: %d}
                  runs: 2
                """.formatted(name, pods));
        return file;
    }

    private CompletableFuture<Execution> pod(Path spec, String url, int index) {
        return CompletableFuture.supplyAsync(() -> loadgen("run", spec.toString(), "--postgres-url", url,
                "--cluster-run", "1", "--pod-index", Integer.toString(index), "--namespace", NAMESPACE,
                "--owner-uid", UID, "--node-name", "node-" + index, "--metrics-port", "-1"), pods);
    }

    private ClusterExchange exchange(String name) {
        return new ClusterExchange(client, NAMESPACE, name, UID);
    }

    private void releaseStart(String name) {
        exchange(name).releaseStart(1, Instant.now().plusMillis(500), new OwnerReferenceBuilder()
                .withApiVersion("ledgerbench.io/v1alpha1").withKind("BenchmarkRun").withName(name).withUid(UID)
                .withController(true).build());
    }

    @Test
    void podsRunTogetherFromTheBarrierAndTheVerifyPodChecksTheirMergedCounts(PostgresServer postgres) throws Exception {
        String url = postgres.url("cluster_pods");
        Path spec = spec("pods", 2);
        assertThat(loadgen("prepare", spec.toString(), "--postgres-url", url).exitCode()).isZero();

        List<CompletableFuture<Execution>> pods = List.of(pod(spec, url, 0), pod(spec, url, 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> exchange("pods").podsReported(1) == 2);
        assertThat(exchange("pods").podResults(1)).isEmpty();
        releaseStart("pods");
        for (CompletableFuture<Execution> pod : pods) {
            Execution execution = pod.get();
            assertThat(execution.exitCode()).as(execution.err()).isZero();
        }
        List<PodResult> results = exchange("pods").podResults(1);
        assertThat(results).extracting(PodResult::podIndex).containsExactly(0, 1);
        assertThat(results).extracting(PodResult::nodeName).containsExactly("node-0", "node-1");
        assertThat(results).allSatisfy(result -> assertThat(result.measurementCounts().completed()).isPositive());

        Execution verify = loadgen("verify", spec.toString(), "--postgres-url", url, "--cluster-run", "1",
                "--namespace", NAMESPACE, "--owner-uid", UID);
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("run 1: invariants passed");
        RunVerification verification = exchange("pods").verification(1).orElseThrow();
        assertThat(verification.invariants().ok()).isTrue();
        long completed = results.stream().mapToLong(result -> result.warmupCounts().completed()
                + result.measurementCounts().completed()).sum();
        assertThat(verification.invariants().completedTransfers()).isEqualTo(completed);
        assertThat(verification.environment().serverVersion()).contains("PostgreSQL");
    }

    @Test
    void verifyRefusesToCheckARunWithAPodsResultMissingAndNamesThePod(PostgresServer postgres) throws Exception {
        String url = postgres.url("cluster_missing");
        Path spec = spec("missing", 2);
        assertThat(loadgen("prepare", spec.toString(), "--postgres-url", url).exitCode()).isZero();
        Execution verify = loadgen("verify", spec.toString(), "--postgres-url", url, "--cluster-run", "1",
                "--namespace", NAMESPACE, "--owner-uid", UID);
        assertThat(verify.exitCode()).isEqualTo(LoadgenCommand.EXIT_CLUSTER);
        assertThat(verify.err()).contains("no result stored by load-generator pod(s) [0, 1] of 2");
        assertThat(exchange("missing").verification(1)).isEmpty();
    }

    @Test
    void aPodWhoseBarrierIsNeverReleasedGivesUpWithoutAResult(PostgresServer postgres) throws Exception {
        String url = postgres.url("cluster_barrier");
        Path spec = spec("barrier", 1);
        assertThat(loadgen("prepare", spec.toString(), "--postgres-url", url).exitCode()).isZero();
        Execution pod = loadgen("run", spec.toString(), "--postgres-url", url, "--cluster-run", "1",
                "--namespace", NAMESPACE, "--owner-uid", UID, "--start-timeout", "1s", "--metrics-port", "-1");
        assertThat(pod.exitCode()).isEqualTo(LoadgenCommand.EXIT_CLUSTER);
        assertThat(pod.err()).contains("start barrier of run 1 was not released within 1 s");
        assertThat(exchange("barrier").podResults(1)).isEmpty();
    }

    @Test
    void aRunOutsideTheSpecsRunsIsRefusedNamingTheOption() throws Exception {
        Execution pod = loadgen("run", spec("outside", 1).toString(), "--postgres-url", "postgresql://u@localhost/db",
                "--cluster-run", "3", "--namespace", NAMESPACE, "--owner-uid", UID, "--metrics-port", "-1");
        assertThat(pod.exitCode()).isEqualTo(LoadgenCommand.EXIT_BAD_INPUT);
        assertThat(pod.err()).contains("--cluster-run: 3 is not a run of this BenchmarkRun; allowed: 1..2");
    }

    @Test
    void aPodWithoutItsNamespaceIsRefusedNamingTheOptionAndTheVariable() throws Exception {
        Execution pod = loadgen("run", spec("nonamespace", 1).toString(), "--postgres-url", "postgresql://u@localhost/db",
                "--cluster-run", "1", "--owner-uid", UID, "--metrics-port", "-1");
        assertThat(pod.exitCode()).isEqualTo(LoadgenCommand.EXIT_BAD_INPUT);
        assertThat(pod.err()).contains("--namespace: not set (nor $LEDGERBENCH_NAMESPACE)");
    }

    @Test
    void aPodIndexBeyondTheParallelismIsRefused(PostgresServer postgres) throws Exception {
        Path spec = spec("index", 2);
        Execution pod = loadgen("run", spec.toString(), "--postgres-url", postgres.url("cluster_index"),
                "--cluster-run", "1", "--pod-index", "2", "--namespace", NAMESPACE, "--owner-uid", UID,
                "--metrics-port", "-1");
        assertThat(pod.exitCode()).isEqualTo(LoadgenCommand.EXIT_BAD_INPUT);
        assertThat(pod.err()).contains("--pod-index: 2 is outside 0..1 (spec.loadgen.parallelism is 2)");
    }

    @Test
    void networkProbesOnEveryNodeMeasureEachOtherAndStoreTheRoundTrips() throws Exception {
        Path spec = spec("netprobe", 1);
        List<Integer> ports = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                ports.add(free.getLocalPort());
            }
        }
        String peers = String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
        List<CompletableFuture<Execution>> probes = new java.util.ArrayList<>();
        for (int index = 0; index < 3; index++) {
            String[] args = {"probe-network", spec.toString(), "--peers", peers, "--port", ports.get(index).toString(),
                "--samples", "50", "--pod-index", Integer.toString(index), "--node-name", "db-" + index,
                "--namespace", NAMESPACE, "--owner-uid", UID, "--timeout", "60s"};
            probes.add(CompletableFuture.supplyAsync(() -> loadgen(args), pods));
        }
        for (CompletableFuture<Execution> probe : probes) {
            Execution execution = probe.get();
            assertThat(execution.exitCode()).as(execution.err()).isZero();
        }
        var roundTrips = exchange("netprobe").roundTrips();
        assertThat(roundTrips).extracting(trips -> trips.nodeName()).containsExactly("db-0", "db-1", "db-2");
        assertThat(roundTrips.get(1).toPod()).containsOnlyKeys(0, 2);
        assertThat(roundTrips.get(1).toPod().get(2).count()).isEqualTo(50);
        assertThat(roundTrips.get(1).toPod().get(2).p99Ms()).isPositive();
    }

    @Test
    void aPeerThatIsNotHostAndPortIsRefused() throws Exception {
        Execution probe = loadgen("probe-network", spec("badpeer", 1).toString(), "--peers", "db-0:7000,db-1",
                "--namespace", NAMESPACE, "--owner-uid", UID);
        assertThat(probe.exitCode()).isEqualTo(LoadgenCommand.EXIT_BAD_INPUT);
        assertThat(probe.err()).contains("--peers: 'db-1' is not HOST:PORT");
    }

    @Test
    void aTigerBeetleRunWithoutReplicaAddressesIsRefusedNamingTheOption() throws Exception {
        Path spec = directory.resolve("tb.yaml");
        Files.writeString(spec, """
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: tb}
                spec:
                  database: {engine: tigerbeetle, replicas: 3}
                """);
        Execution missing = loadgen("prepare", spec.toString());
        assertThat(missing.exitCode()).isEqualTo(LoadgenCommand.EXIT_BAD_INPUT);
        assertThat(missing.err()).contains("--tigerbeetle-addresses: required, the spec's engine is tigerbeetle");
        Execution malformed = loadgen("prepare", spec.toString(), "--tigerbeetle-addresses", "10.0.0.1:3000,db-1");
        assertThat(malformed.exitCode()).isEqualTo(LoadgenCommand.EXIT_BAD_INPUT);
        assertThat(malformed.err()).contains("--tigerbeetle-addresses: 'db-1' is not IP:PORT");
    }

    @Test
    void aPostgresPodWithoutItsUrlIsRefusedNamingTheOption() throws Exception {
        Execution pod = loadgen("run", spec("nourl", 1).toString(), "--cluster-run", "1", "--namespace", NAMESPACE,
                "--owner-uid", UID, "--metrics-port", "-1");
        assertThat(pod.exitCode()).isEqualTo(LoadgenCommand.EXIT_BAD_INPUT);
        assertThat(pod.err()).contains("--postgres-url: required, the spec's engine is postgresql");
    }
}
