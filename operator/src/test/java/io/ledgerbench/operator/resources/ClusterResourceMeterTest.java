package io.ledgerbench.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.metrics.MetricsServer;
import io.ledgerbench.loadgen.resources.ClusterResources;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's window queries against a real Prometheus scraping a real node-exporter (this
 * machine, as node db-0) and a load generator's /metrics; and what it says when Prometheus is not there.
 */
class ClusterResourceMeterTest {

    private static final ClusterResourceMeter.Database DATABASE = new ClusterResourceMeter.Database(
            List.of(PrometheusServer.NODE), List.of(), "bench", "pg-db-[0-9]+");

    @TempDir
    static Path work;
    private static PrometheusServer prometheus;
    private static MetricsServer loadgen;

    @BeforeAll
    static void startPrometheus() throws Exception {
        if (!PrometheusServer.isAvailable()) {
            return;
        }
        loadgen = MetricsServer.start(new LoadgenMetrics("postgresql", "pod-0"), 0);
        prometheus = PrometheusServer.start(work, List.of(loadgen.port()));
        prometheus.awaitSamplesOfEveryNode(List.of(PrometheusServer.NODE));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (loadgen != null) {
            loadgen.close();
        }
    }

    /** What the operator would report for a run that ended now after 4 s, with 1000 transfers completed. */
    private static ClusterResources lastFourSecondsOf1000Transfers() {
        Instant end = Instant.now();
        return new ClusterResourceMeter(new PrometheusClient(prometheus.uri())).measure(DATABASE, end.minusSeconds(4),
                end, 1000);
    }

    static boolean prometheusPresent() {
        return PrometheusServer.isAvailable();
    }

    @Test
    @EnabledIf(value = "prometheusPresent", disabledReason = PrometheusServer.ABSENT)
    void theWindowsNodeFiguresComeFromNodeExporterAndPerTransferFiguresFromThem() {
        ClusterResources usage = lastFourSecondsOf1000Transfers();

        ClusterResources.NodeUsage node = usage.nodes().get(PrometheusServer.NODE);
        assertThat(node.cpuSeconds()).isPositive();
        assertThat(node.memoryMaxBytes()).isPositive();
        assertThat(node.diskWrittenBytes()).isNotNull();
        assertThat(node.networkSentBytes()).isNotNull();
        assertThat(usage.nodeCpuSeconds()).isEqualTo(node.cpuSeconds());
        assertThat(usage.diskBytesWrittenPerTransfer()).isEqualTo(usage.diskWrittenBytes() / 1000);
    }

    @Test
    @EnabledIf(value = "prometheusPresent", disabledReason = PrometheusServer.ABSENT)
    void podFiguresWithoutCadvisorAreNotMeasuredWithTheReasonRatherThanZero() {
        ClusterResources usage = lastFourSecondsOf1000Transfers();

        assertThat(usage.databaseCpuSeconds()).isNull();
        assertThat(usage.cpuMicrosPerTransfer()).isNull();
        assertThat(usage.pods()).isEmpty();
        assertThat(usage.notMeasured()).anySatisfy(reason -> assertThat(reason)
                .startsWith("container CPU seconds: Prometheus has no series for").contains("container_cpu_usage_seconds_total"));
    }

    @Test
    @EnabledIf(value = "prometheusPresent", disabledReason = PrometheusServer.ABSENT)
    void theLoadGeneratorsMetricsAreScrapedBesideTheNodes() throws Exception {
        Map<String, Double> up = new PrometheusClient(prometheus.uri()).query("up{job=\"loadgen\"}", Instant.now(), "job");
        assertThat(up).containsEntry("loadgen", 1.0);
    }

    /** cAdvisor's names (the kubelet serves them; nothing here does), the only ones not checked against a scrape. */
    private static final java.util.Set<String> CADVISOR = java.util.Set.of(ResourceQueries.CONTAINER_CPU_SECONDS,
            ResourceQueries.CONTAINER_MEMORY_BYTES);

    @Test
    @EnabledIf(value = "prometheusPresent", disabledReason = PrometheusServer.ABSENT)
    void everyNodeMetricTheQueriesNameIsOneTheRealNodeExporterServes() throws Exception {
        PrometheusClient client = new PrometheusClient(prometheus.uri());
        java.util.Set<String> named = new java.util.TreeSet<>();
        ResourceQueries.forWindow(List.of("n"), List.of(), "ns", "p", Duration.ofSeconds(60))
                .forEach(query -> named.addAll(io.ledgerbench.operator.dashboard.PromQlMetricNames.of(query.promql())));
        // The dashboard's node-exporter names too: until now only listed, here checked against a real scrape.
        io.ledgerbench.operator.dashboard.DashboardMetricsTest.NODE_EXPORTER_AND_KUBE_STATE_METRICS.stream()
                .filter(name -> name.startsWith("node_")).forEach(named::add);
        assertThat(named).containsAll(CADVISOR);
        for (String name : named) {
            if (!CADVISOR.contains(name)) {
                assertThat(client.query("count by (job) ({__name__=\"" + name + "\", job=\"node-exporter\"})",
                        Instant.now(), "job")).as(name).containsKey("node-exporter");
            }
        }
    }

    @Test
    void prometheusDownLeavesEverythingNotMeasuredWithOneReason() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Instant end = Instant.now();
        ClusterResources usage = new ClusterResourceMeter(new PrometheusClient(URI.create("http://127.0.0.1:" + closed)))
                .measure(DATABASE, end.minusSeconds(60), end, 1000);

        assertThat(usage.nodes()).isEmpty();
        assertThat(usage.nodeCpuSeconds()).isNull();
        assertThat(usage.diskBytesWrittenPerTransfer()).isNull();
        assertThat(usage.notMeasured()).singleElement().asString()
                .startsWith("Prometheus at http://127.0.0.1:" + closed + " unreachable");
    }
}
