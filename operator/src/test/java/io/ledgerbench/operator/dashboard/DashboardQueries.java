package io.ledgerbench.operator.dashboard;

import io.ledgerbench.operator.resources.ResourceQueries;

/**
 * Every PromQL query of the ledgerbench dashboard, apart from its layout. Load-generator series get
 * namespace and benchmarkrun from the chart's PodMonitor; node series come from node-exporter with
 * instance = node name (kube-prometheus-stack's default relabelling).
 */
final class DashboardQueries {

    static final String RUN = "namespace=\"$namespace\", benchmarkrun=~\"$benchmarkrun\"";
    static final String NODE = "instance=~\"$node\"";
    static final String RATE = "[$__rate_interval]";

    // Variables.
    static final String NAMESPACES = "label_values(ledgerbench_benchmarkrun_phase, namespace)";
    static final String BENCHMARKRUNS = "label_values(ledgerbench_benchmarkrun_phase{namespace=\"$namespace\"}, benchmarkrun)";
    static final String NODES = "label_values(kube_node_labels{label_ledgerbench_io_node_group=~\"database|loadgen\"}, node)";

    // The BenchmarkRun (operator gauges).
    static final String PHASE = "max by (phase) (ledgerbench_benchmarkrun_phase{" + RUN + "})";
    static final String CURRENT_RUN = "max(ledgerbench_benchmarkrun_run{" + RUN + "})";
    static final String ENGINE_AND_MODE = "max by (engine, mode) (ledgerbench_benchmarkrun_phase{" + RUN + "})";
    static final String LOADGEN_PHASE = "max by (phase) (rate(ledgerbench_transfers_total{" + RUN + "}" + RATE + ")) > 0";

    // Throughput and outcomes (load generators).
    static final String THROUGHPUT = "sum(rate(ledgerbench_transfers_total{" + RUN
            + ", outcome=~\"completed|rejected\"}" + RATE + "))";
    static final String BY_OUTCOME = "sum by (outcome) (rate(ledgerbench_transfers_total{" + RUN + "}" + RATE + "))";
    static final String ERROR_RATE = "sum(rate(ledgerbench_transfers_total{" + RUN + ", outcome=\"failed\"}" + RATE
            + ")) / clamp_min(sum(rate(ledgerbench_transfers_total{" + RUN + "}" + RATE + ")), 1e-9)";
    static final String RETRIES = "sum by (reason) (rate(ledgerbench_transfer_retries_total{" + RUN + "}" + RATE + "))";

    // Latency.
    static String latency(String quantile) {
        return quantile(quantile, "ledgerbench_transfer_latency_seconds");
    }

    static String serviceTime(String quantile) {
        return quantile(quantile, "ledgerbench_transfer_service_time_seconds");
    }

    /** A quantile of a load-generator histogram over every pod of the selected runs. */
    private static String quantile(String quantile, String histogram) {
        return "histogram_quantile(" + quantile + ", sum by (le) (rate(" + histogram + "_bucket{" + RUN + "}" + RATE + ")))";
    }

    static final String RESULT_THROUGHPUT = "ledgerbench_benchmarkrun_result_throughput_transfers_per_second{" + RUN + "}";
    static final String RESULT_P99 = "ledgerbench_benchmarkrun_result_latency_seconds{" + RUN + ", percentile=\"p99\"}";
    static final String RESULT_VALID = "ledgerbench_benchmarkrun_result_valid{" + RUN + "}";

    // Load generators: rate, saturation, batches.
    static final String TARGET_RATE = "sum(ledgerbench_target_rate_transfers_per_second{" + RUN + "})";
    static final String ACHIEVED_RATE = "sum(rate(ledgerbench_transfers_total{" + RUN + "}" + RATE + "))";
    static final String DROPPED = "sum(rate(ledgerbench_arrivals_dropped_total{" + RUN + "}" + RATE + "))";
    static final String CLIENT_CPU = "max by (pod) (ledgerbench_client_cpu_ratio{" + RUN + "})";
    static final String IN_FLIGHT = "sum by (pod) (ledgerbench_transfers_in_flight{" + RUN + "})";
    static final String BATCH_MEAN = "sum(rate(ledgerbench_batch_size_sum{" + RUN + "}" + RATE
            + ")) / clamp_min(sum(rate(ledgerbench_batch_size_count{" + RUN + "}" + RATE + ")), 1e-9)";
    static final String BATCH_P99 = quantile("0.99", "ledgerbench_batch_size");

    // Nodes (node-exporter): metric names and filters shared with the operator's window queries.
    static final String NODE_CPU = "1 - avg by (instance) (rate(" + ResourceQueries.NODE_CPU_SECONDS + "{" + NODE
            + ", mode=\"idle\"}" + RATE + "))";
    static final String NODE_MEMORY = "1 - sum by (instance) (node_memory_MemAvailable_bytes{" + NODE
            + "}) / sum by (instance) (node_memory_MemTotal_bytes{" + NODE + "})";
    static final String NETWORK_RECEIVED = "sum by (instance) (rate(" + ResourceQueries.NETWORK_RECEIVED_BYTES + "{"
            + NODE + ", device!~\"" + ResourceQueries.NOT_NODE_LINKS + "\"}" + RATE + "))";
    static final String NETWORK_SENT = "sum by (instance) (rate(" + ResourceQueries.NETWORK_SENT_BYTES + "{" + NODE
            + ", device!~\"" + ResourceQueries.NOT_NODE_LINKS + "\"}" + RATE + "))";
    static final String DISK_WRITTEN = "sum by (instance, device) (rate(" + ResourceQueries.DISK_WRITTEN_BYTES + "{"
            + NODE + ", device=~\"nvme.*\"}" + RATE + "))";
    static final String DISK_READ = "sum by (instance, device) (rate(" + ResourceQueries.DISK_READ_BYTES + "{" + NODE
            + ", device=~\"nvme.*\"}" + RATE + "))";
    static final String DISK_BUSY = "max by (instance, device) (rate(node_disk_io_time_seconds_total{" + NODE
            + ", device=~\"nvme.*\"}" + RATE + "))";

    // Database-node latency.
    static final String ROUND_TRIP_P99 = "ledgerbench_database_round_trip_seconds{" + RUN + ", statistic=\"p99\"}";
    static final String DISK_WRITE_LATENCY = "sum by (instance, device) (rate(node_disk_write_time_seconds_total{" + NODE
            + ", device=~\"nvme.*\"}" + RATE + ")) / clamp_min(sum by (instance, device) (rate("
            + ResourceQueries.DISK_WRITES + "{" + NODE + ", device=~\"nvme.*\"}" + RATE + ")), 1e-9)";

    // The operator.
    static final String RECONCILES = "sum by (controller_name) (rate(reconciliations_started_total" + RATE + "))";
    static final String RECONCILE_FAILURES = "sum by (controller_name) (rate(reconciliations_failure_total" + RATE + "))";
    static final String RECONCILE_P99 = "histogram_quantile(0.99, sum by (le) "
            + "(rate(reconciliations_execution_duration_seconds_bucket" + RATE + ")))";

    private DashboardQueries() {
    }
}
