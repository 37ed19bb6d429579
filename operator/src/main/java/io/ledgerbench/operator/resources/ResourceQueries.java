package io.ledgerbench.operator.resources;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The PromQL of what the database's nodes and pods spent in a run's measurement window, and the
 * metric names and filters the ledgerbench dashboard's node panels use too (one place for both).
 * Node series come from node-exporter with instance = node name (kube-prometheus-stack's
 * relabelling), pod series from the kubelet's cAdvisor.
 */
public final class ResourceQueries {

    public static final String NODE_CPU_SECONDS = "node_cpu_seconds_total";
    public static final String DISK_READ_BYTES = "node_disk_read_bytes_total";
    public static final String DISK_WRITTEN_BYTES = "node_disk_written_bytes_total";
    public static final String DISK_READS = "node_disk_reads_completed_total";
    public static final String DISK_WRITES = "node_disk_writes_completed_total";
    public static final String NODE_MEMORY_TOTAL_BYTES = "node_memory_MemTotal_bytes";
    public static final String NODE_MEMORY_AVAILABLE_BYTES = "node_memory_MemAvailable_bytes";
    public static final String NETWORK_SENT_BYTES = "node_network_transmit_bytes_total";
    public static final String NETWORK_RECEIVED_BYTES = "node_network_receive_bytes_total";
    public static final String CONTAINER_CPU_SECONDS = "container_cpu_usage_seconds_total";
    public static final String CONTAINER_MEMORY_BYTES = "container_memory_working_set_bytes";
    /** Network devices that are not the node's own links: loopback and the pod interfaces of common CNIs. */
    public static final String NOT_NODE_LINKS = "lo|veth.*|eni.*|cali.*";
    /** cAdvisor's series of a pod's containers (not the pod-level sum, not the pause container). */
    public static final String CONTAINERS = "container!=\"\", container!=\"POD\"";

    /** One query: what it measures, the PromQL, and the label its series are told apart by. */
    public record Query(String name, String promql, String byLabel) {
    }

    /**
     * The window's queries. dataDevices: the block devices under the data directories (e.g. nvme1n1,
     * md127), so the disk figures are the database's disk, not the root volume's; empty for any.
     */
    public static List<Query> forWindow(List<String> nodes, List<String> dataDevices, String namespace,
                                        String podPattern, Duration window) {
        String instances = "instance=~\"" + alternatives(nodes) + "\"";
        String disks = dataDevices.isEmpty() ? instances : instances + ", device=~\"" + alternatives(dataDevices) + "\"";
        String range = "[" + Math.max(1, window.toSeconds()) + "s]";
        String pods = "namespace=\"" + namespace + "\", pod=~\"" + podPattern + "\", " + CONTAINERS;
        return List.of(
                new Query("node CPU seconds", "sum by (instance) (increase(" + NODE_CPU_SECONDS + "{" + instances
                        + ", mode!=\"idle\"}" + range + "))", "instance"),
                new Query("peak node memory in use", "max by (instance) (max_over_time((" + NODE_MEMORY_TOTAL_BYTES + "{"
                        + instances + "} - " + NODE_MEMORY_AVAILABLE_BYTES + "{" + instances + "})" + range.replace("]",
                        ":1s]") + "))", "instance"),
                new Query("disk bytes read", nodeIncrease(DISK_READ_BYTES, disks, range), "instance"),
                new Query("disk bytes written", nodeIncrease(DISK_WRITTEN_BYTES, disks, range), "instance"),
                new Query("disk reads", nodeIncrease(DISK_READS, disks, range), "instance"),
                new Query("disk writes", nodeIncrease(DISK_WRITES, disks, range), "instance"),
                new Query("network bytes sent", nodeIncrease(NETWORK_SENT_BYTES, instances + ", device!~\""
                        + NOT_NODE_LINKS + "\"", range), "instance"),
                new Query("network bytes received", nodeIncrease(NETWORK_RECEIVED_BYTES, instances + ", device!~\""
                        + NOT_NODE_LINKS + "\"", range), "instance"),
                new Query("container CPU seconds", "sum by (pod) (increase(" + CONTAINER_CPU_SECONDS + "{" + pods + "}"
                        + range + "))", "pod"),
                new Query("peak working-set memory", "max by (pod) (max_over_time(" + CONTAINER_MEMORY_BYTES + "{" + pods
                        + "}" + range + "))", "pod"));
    }

    private static String nodeIncrease(String metric, String selector, String range) {
        return "sum by (instance) (increase(" + metric + "{" + selector + "}" + range + "))";
    }

    /** A regex matching exactly these names (dots and the like escaped, for a PromQL string). */
    static String alternatives(List<String> names) {
        return names.stream().map(name -> name.replaceAll("([.+*?\\[\\](){}|^$\\\\])", "\\\\\\\\$1"))
                .collect(Collectors.joining("|"));
    }

    private ResourceQueries() {
    }
}
