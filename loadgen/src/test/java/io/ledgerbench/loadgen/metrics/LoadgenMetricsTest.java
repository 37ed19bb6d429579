package io.ledgerbench.loadgen.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.measure.Phase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class LoadgenMetricsTest {

    @Test
    void outcomesAppearAsCountersLabelledWithPhaseRunEngineAndPod() {
        LoadgenMetrics metrics = new LoadgenMetrics("postgresql", "pod-0");
        MeasurementObserver run2 = metrics.forRun(2);
        run2.outcome(Phase.MEASUREMENT, TransferOutcome.COMPLETED, 2_000_000, 1_000_000);
        run2.outcome(Phase.MEASUREMENT, TransferOutcome.REJECTED, 2_000_000, 1_000_000);
        run2.outcome(Phase.WARMUP, TransferOutcome.COMPLETED, 2_000_000, 1_000_000);
        String scrape = metrics.scrape();
        assertThat(scrape).contains("ledgerbench_transfers_total{engine=\"postgresql\",outcome=\"completed\","
                + "phase=\"measurement\",pod=\"pod-0\",run=\"2\"} 1.0");
        assertThat(scrape).contains("ledgerbench_transfers_total{engine=\"postgresql\",outcome=\"completed\","
                + "phase=\"warmup\",pod=\"pod-0\",run=\"2\"} 1.0");
        assertThat(scrape).contains("outcome=\"rejected\",phase=\"measurement\"");
    }

    @Test
    void latencyAndServiceTimeAreHistogramsInSeconds() {
        LoadgenMetrics metrics = new LoadgenMetrics("postgresql", "pod-0");
        metrics.forRun(1).outcome(Phase.MEASUREMENT, TransferOutcome.COMPLETED, 5_000_000, 1_000_000);
        String scrape = metrics.scrape();
        assertThat(scrape).contains("ledgerbench_transfer_latency_seconds_bucket{");
        assertThat(scrape).contains("ledgerbench_transfer_service_time_seconds_bucket{");
        assertThat(scrape).contains("ledgerbench_transfer_latency_seconds_count{engine=\"postgresql\",phase=\"measurement\","
                + "pod=\"pod-0\",run=\"1\"} 1");
    }

    @Test
    void retriesDroppedInFlightTargetRateAndClientCpuAreExported() {
        LoadgenMetrics metrics = new LoadgenMetrics("postgresql", "pod-0");
        MeasurementObserver run = metrics.forRun(1);
        run.retry(Phase.MEASUREMENT, "serialization_failure");
        run.dropped(Phase.MEASUREMENT);
        run.inFlight(7);
        metrics.targetRate(2500);
        String scrape = metrics.scrape();
        assertThat(scrape).contains("ledgerbench_transfer_retries_total{").contains("reason=\"serialization_failure\"");
        assertThat(scrape).contains("ledgerbench_arrivals_dropped_total{");
        assertThat(scrape).contains("ledgerbench_transfers_in_flight{engine=\"postgresql\",pod=\"pod-0\"} 7.0");
        assertThat(scrape).contains("ledgerbench_target_rate_transfers_per_second{engine=\"postgresql\",pod=\"pod-0\"} 2500.0");
        assertThat(scrape).contains("ledgerbench_client_cpu_ratio{");
    }

    @Test
    void batchSizesAreADistributionWithBuckets() {
        LoadgenMetrics metrics = new LoadgenMetrics("postgresql", "pod-0");
        MeasurementObserver run = metrics.forRun(1);
        run.batch(Phase.MEASUREMENT, 40);
        run.batch(Phase.MEASUREMENT, 960);
        String scrape = metrics.scrape();
        assertThat(scrape).contains("ledgerbench_batch_size_count{engine=\"postgresql\",phase=\"measurement\","
                + "pod=\"pod-0\",run=\"1\"} 2");
        assertThat(scrape).contains("ledgerbench_batch_size_sum{engine=\"postgresql\",phase=\"measurement\","
                + "pod=\"pod-0\",run=\"1\"} 1000.0");
        assertThat(scrape).contains("ledgerbench_batch_size_bucket{");
    }

    @Test
    void theServerAnswersAScrapeOverHttp() throws Exception {
        LoadgenMetrics metrics = new LoadgenMetrics("postgresql", "pod-0");
        metrics.forRun(1).outcome(Phase.MEASUREMENT, TransferOutcome.COMPLETED, 1_000_000, 1_000_000);
        try (MetricsServer server = MetricsServer.start(metrics, 0);
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("ledgerbench_transfers_total");
        }
    }
}
