package io.ledgerbench.loadgen.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.saturation.CapacityLimitedDriver;
import io.ledgerbench.loadgen.saturation.SaturationMeasurement;
import io.ledgerbench.loadgen.saturation.SaturationResult;
import io.ledgerbench.loadgen.saturation.ServiceObjective;
import io.ledgerbench.loadgen.schedule.RunExecutor;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import io.ledgerbench.loadgen.workload.Transfer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two load-generator pods searching together through their ConfigMaps (a mock API server), on one simulated server. */
@EnableKubernetesMockClient(crud = true)
class PodRunSaturationTest {

    private static final String NAMESPACE = "bench";
    private static final String UID = "0b7c8f0e-1111-4c2d-9e3f-5a6b7c8d9e0f";

    KubernetesClient client;

    /** Every pod's connection to the one server; closing a pod's driver leaves the server to the others. */
    private record SharedServer(TransferDriver server) implements LedgerDatabase {
        @Override
        public String serverVersion() {
            return "simulated 1000/s";
        }

        @Override
        public String clientVersion() {
            return "test";
        }

        @Override
        public Map<String, String> serverSettings() {
            return Map.of();
        }

        @Override
        public void reset(WorkloadSpec workload) {
        }

        @Override
        public TransferDriver openDriver(DriverListener driverListener) {
            return new TransferDriver() {
                @Override
                public CompletableFuture<TransferResult> execute(Transfer transfer) {
                    return server.execute(transfer);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public InvariantReport verify(WorkloadSpec workload, long completedTransfers, long inDoubtTransfers) {
            throw new UnsupportedOperationException("the verify pod's part");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void podsStepTheirRatesTogetherAndTheirSharesMergeIntoOneSearch() throws Exception {
        BenchmarkRunSpec spec = new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: pg}
                spec:
                  workload:
                    accounts: 1000
                    mode: saturation
                    arrival: uniform
                    maxConcurrency: 100000
                    warmup: 0s
                    duration: 2s
                    seed: 7
                    saturation: {p99: 100ms, startRate: 200, growthFactor: 2, maxSteps: 4}
                  loadgen: {parallelism: 2}
                """, "test").spec();
        ClusterExchange exchange = new ClusterExchange(client, NAMESPACE, "pg", UID);
        exchange.releaseStart(1, Instant.now().plusSeconds(1), new OwnerReferenceBuilder()
                .withApiVersion("ledgerbench.io/v1alpha1").withKind("BenchmarkRun").withName("pg").withUid(UID)
                .withController(true).build());
        List<PodResult> pods;
        List<List<Double>> targetRates = List.of(new java.util.concurrent.CopyOnWriteArrayList<>(),
                new java.util.concurrent.CopyOnWriteArrayList<>());
        try (CapacityLimitedDriver server = new CapacityLimitedDriver(1000, 2_000_000);
             var threads = Executors.newFixedThreadPool(2)) {
            List<Future<PodResult>> running = List.of(0, 1).stream().map(index -> threads.submit(() ->
                    new PodRun(new ClusterExchange(client, NAMESPACE, "pg", UID),
                            new RunExecutor(Duration.ofHours(1), Duration.ofSeconds(30)),
                            new PrintStream(new ByteArrayOutputStream()), Duration.ofSeconds(60))
                            .run(spec, 1, index, "lg-" + index, new SharedServer(server), MeasurementObserver.NONE,
                                    rate -> targetRates.get(index).add(rate))))
                    .toList();
            pods = List.of(running.get(0).get(), running.get(1).get());
        }

        for (PodResult pod : pods) {
            assertThat(pod.saturation().steps()).extracting(PodStep::offeredRatePerSec)
                    .containsExactly(200.0, 400.0, 800.0, 1600.0);
        }
        assertThat(targetRates).as("each pod's target-rate gauge: its share of every step")
                .allSatisfy(rates -> assertThat(rates).containsExactly(100.0, 200.0, 400.0, 800.0));
        for (int step = 1; step < 4; step++) {
            int next = step;
            Instant lastEnd = pods.stream().map(pod -> pod.saturation().steps().get(next - 1).measured().finishedAt())
                    .max(Instant::compareTo).orElseThrow();
            assertThat(pods).as("no pod starts step %d before every pod ended step %d", step + 1, step)
                    .allSatisfy(pod -> assertThat(pod.saturation().steps().get(next).measured().startedAt())
                            .isAfter(lastEnd));
        }
        SaturationMeasurement search = PodSaturation.merge(pods, spec.workload().measurementDuration());
        SaturationResult answer = search.result(ServiceObjective.of(spec.workload().saturation()));
        assertThat(answer.sustainableRatePerSec()).isEqualTo(800);
        assertThat(answer.steps().getLast().held()).isFalse();
        assertThat(answer.steps().getFirst().counts().completed()).as("both pods' shares of the first step")
                .isEqualTo(pods.get(0).saturation().steps().getFirst().measured().measurementCounts().completed()
                        + pods.get(1).saturation().steps().getFirst().measured().measurementCounts().completed());
        assertThat(pods.stream().mapToLong(PodResult::completedInAllPhases).sum())
                .isEqualTo(search.completedInAllPhases()).isPositive();
        assertThat(exchange.podResults(1)).containsExactlyElementsOf(pods);
        assertThat(exchange.awaitStep(1, 4, 2, Duration.ofSeconds(1))).as("a finished pod's last step stays readable")
                .hasSize(2);
    }
}
