package io.ledgerbench.loadgen.resources;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the database spent during one run's measurement window on a Kubernetes cluster, as
 * Prometheus recorded it: per database node (node-exporter: CPU, peak memory in use, data-disk
 * bytes and operations, network bytes) and per database pod (cAdvisor: CPU, peak working-set memory), totals and the
 * figures per completed transfer. Anything not measured is null, and notMeasured says why.
 */
public record ClusterResources(
        Instant windowStart,
        Instant windowEnd,
        long completedTransfers,
        Map<String, NodeUsage> nodes,
        Map<String, PodUsage> pods,
        Double databaseCpuSeconds,
        Double nodeCpuSeconds,
        Double diskWrittenBytes,
        Double diskWrites,
        Double networkSentBytes,
        Double cpuMicrosPerTransfer,
        Double diskBytesWrittenPerTransfer,
        Double diskWritesPerTransfer,
        List<String> notMeasured) {

    /** One database node's window: null where Prometheus had no series for it. */
    public record NodeUsage(Double cpuSeconds, Double memoryMaxBytes, Double diskReadBytes, Double diskWrittenBytes,
                            Double diskReads, Double diskWrites, Double networkSentBytes,
                            Double networkReceivedBytes) {
    }

    /** One database pod's window: CPU of its containers and their peak working set. */
    public record PodUsage(Double cpuSeconds, Double memoryMaxBytes) {
    }

    public ClusterResources {
        nodes = Map.copyOf(nodes);
        pods = Map.copyOf(pods);
        notMeasured = List.copyOf(notMeasured);
    }
}
