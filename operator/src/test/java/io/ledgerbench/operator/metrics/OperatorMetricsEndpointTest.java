package io.ledgerbench.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operator as Quarkus runs it, against the mock API server: what its /q/metrics serves. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = BenchmarkRunCrd.class)
class OperatorMetricsEndpointTest {

    @KubernetesTestServer
    KubernetesServer server;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void aFinishedBenchmarkRunsPhaseResultsAndRoundTripsAreServed() {
        KubernetesClient client = server.getClient();
        FinishedBenchmarkRuns.create(client, "served");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(MetricsScrape.of(metrics).text())
                .containsPattern("ledgerbench_benchmarkrun_phase\\{[^}]*benchmarkrun=\"served\"[^}]*phase=\"Succeeded\"[^}]*} 1")
                .containsPattern("ledgerbench_benchmarkrun_result_throughput_transfers_per_second\\{[^}]*run=\"2\"[^}]*} 4200.25")
                .containsPattern("ledgerbench_benchmarkrun_result_latency_seconds\\{[^}]*percentile=\"p99\"[^}]*run=\"1\"[^}]*} 0.0075")
                .containsPattern("ledgerbench_database_round_trip_seconds\\{[^}]*from_node=\"db-0\"[^}]*statistic=\"p99\"[^}]*} 4.2E-4"));
    }

    @Test
    void theOperatorSdksReconcileMetricsAreServed() {
        FinishedBenchmarkRuns.create(server.getClient(), "reconciled");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(MetricsScrape.of(metrics).sampleNames())
                .contains("reconciliations_started_total", "reconciliations_success_total",
                        "reconciliations_failure_total", "reconciliations_execution_duration_seconds_bucket",
                        "events_received_total"));
    }
}
