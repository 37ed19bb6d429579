package io.ledgerbench.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.measure.Phase;
import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.metrics.MetricsServer;
import io.ledgerbench.operator.metrics.BenchmarkRunCrd;
import io.ledgerbench.operator.metrics.FinishedBenchmarkRuns;
import io.ledgerbench.operator.metrics.MetricsScrape;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every metric the dashboard queries exists: checked against real scrapes of the load generator's
 * /metrics and the operator's /q/metrics, plus node-exporter and kube-state-metrics names, which no
 * process here serves and which are therefore listed one by one.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = BenchmarkRunCrd.class)
public class DashboardMetricsTest {

    /** Names from node-exporter and kube-state-metrics (kube-prometheus-stack) that the dashboard uses. */
    public static final Set<String> NODE_EXPORTER_AND_KUBE_STATE_METRICS = Set.of(
            "node_cpu_seconds_total", "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes",
            "node_network_receive_bytes_total", "node_network_transmit_bytes_total", "node_disk_written_bytes_total",
            "node_disk_read_bytes_total", "node_disk_io_time_seconds_total", "node_disk_write_time_seconds_total",
            "node_disk_writes_completed_total", "kube_node_labels");

    @KubernetesTestServer
    KubernetesServer server;

    @TestHTTPResource("/q/metrics")
    URI operatorMetrics;

    @Test
    void everyMetricTheDashboardQueriesIsServedByTheLoadGeneratorOrTheOperator() throws Exception {
        Set<String> served = new TreeSet<>(loadGeneratorScrape().sampleNames());
        served.addAll(operatorScrape().sampleNames());

        Map<String, String> missing = new TreeMap<>();
        for (String query : LedgerbenchDashboard.queries()) {
            for (String name : PromQlMetricNames.of(query)) {
                if (!served.contains(name) && !NODE_EXPORTER_AND_KUBE_STATE_METRICS.contains(name)) {
                    missing.put(name, query);
                }
            }
        }
        assertThat(missing).as("metrics the dashboard queries that nothing serves (name -> query)").isEmpty();
    }

    @Test
    void theAllowListHoldsOnlyNodeExporterAndKubeStateMetricsNamesTheDashboardUses() {
        Set<String> queried = new TreeSet<>();
        LedgerbenchDashboard.queries().forEach(query -> queried.addAll(PromQlMetricNames.of(query)));
        assertThat(NODE_EXPORTER_AND_KUBE_STATE_METRICS)
                .allSatisfy(name -> assertThat(name).matches("(node|kube)_.*"))
                .allSatisfy(name -> assertThat(queried).as("allow-listed but not queried").contains(name));
    }

    @Test
    void everyPanelHasAtLeastOneQueryWithAMetric() {
        assertThat(LedgerbenchDashboard.queries()).allSatisfy(query ->
                assertThat(PromQlMetricNames.of(query)).as(query).isNotEmpty());
    }

    /** A load generator that has measured a run: outcomes, a retry, a batch, a dropped arrival. */
    private static MetricsScrape loadGeneratorScrape() throws Exception {
        LoadgenMetrics metrics = new LoadgenMetrics("postgresql", "pod-0");
        metrics.targetRate(1000);
        MeasurementObserver run = metrics.forRun(1);
        for (TransferOutcome outcome : TransferOutcome.values()) {
            run.outcome(Phase.MEASUREMENT, outcome, 2_000_000, 1_000_000);
        }
        run.retry(Phase.MEASUREMENT, "serialization_failure");
        run.batch(Phase.MEASUREMENT, 100);
        run.dropped(Phase.MEASUREMENT);
        run.inFlight(3);
        try (MetricsServer endpoint = MetricsServer.start(metrics, 0)) {
            return MetricsScrape.of(URI.create("http://localhost:" + endpoint.port() + "/metrics"));
        }
    }

    /**
     * The operator once it has reconciled a finished BenchmarkRun (its result gauges exist from then on)
     * and failed a reconcile: its failure counter exists only after a failure. The mock API server has no
     * server-side apply, so the first status patch of a new BenchmarkRun always fails.
     */
    private MetricsScrape operatorScrape() {
        FinishedBenchmarkRuns.create(server.getClient(), "dashboard-finished");
        server.getClient().resource(FinishedBenchmarkRuns.example("dashboard-new")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> MetricsScrape.of(operatorMetrics).sampleNames()
                .containsAll(Set.of("ledgerbench_database_round_trip_seconds", "reconciliations_started_total",
                        "reconciliations_failure_total")));
        return MetricsScrape.of(operatorMetrics);
    }
}
