package io.ledgerbench.operator.resources;

import io.ledgerbench.loadgen.resources.ClusterResources;
import io.ledgerbench.loadgen.resources.ClusterResources.NodeUsage;
import io.ledgerbench.loadgen.resources.ClusterResources.PodUsage;
import io.ledgerbench.operator.resources.PrometheusClient.PrometheusException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Asks Prometheus what the database's nodes and pods spent in a measurement window. A query that
 * fails or finds no series leaves its figures null with the reason; Prometheus unreachable leaves
 * everything null with that one reason. The run's validity never depends on it.
 */
public final class ClusterResourceMeter {

    private final PrometheusClient prometheus;

    public ClusterResourceMeter(PrometheusClient prometheus) {
        this.prometheus = prometheus;
    }

    /** The run's database: its nodes, the devices under its data directories, its pods. */
    public record Database(List<String> nodes, List<String> dataDevices, String namespace, String podPattern) {
    }

    public ClusterResources measure(Database database, Instant windowStart, Instant windowEnd, long completedTransfers) {
        Duration window = Duration.between(windowStart, windowEnd);
        List<String> notMeasured = new ArrayList<>();
        Map<String, Map<String, Double>> answers = new HashMap<>();
        for (ResourceQueries.Query query : ResourceQueries.forWindow(database.nodes(), database.dataDevices(),
                database.namespace(), database.podPattern(), window)) {
            try {
                Map<String, Double> values = prometheus.query(query.promql(), windowEnd, query.byLabel());
                if (values.isEmpty()) {
                    notMeasured.add(query.name() + ": Prometheus has no series for " + query.promql());
                }
                answers.put(query.name(), values);
            } catch (PrometheusException e) {
                if (e.getMessage().contains("unreachable")) {
                    return nothing(windowStart, windowEnd, completedTransfers, e.getMessage());
                }
                notMeasured.add(query.name() + ": " + e.getMessage());
            }
        }
        Map<String, NodeUsage> nodes = new LinkedHashMap<>();
        for (String node : database.nodes()) {
            Function<String, Double> of = name -> answers.getOrDefault(name, Map.of()).get(node);
            nodes.put(node, new NodeUsage(of.apply("node CPU seconds"), of.apply("peak node memory in use"),
                    of.apply("disk bytes read"),
                    of.apply("disk bytes written"), of.apply("disk reads"), of.apply("disk writes"),
                    of.apply("network bytes sent"), of.apply("network bytes received")));
        }
        Map<String, Double> podCpu = answers.getOrDefault("container CPU seconds", Map.of());
        Map<String, Double> podMemory = answers.getOrDefault("peak working-set memory", Map.of());
        Map<String, PodUsage> pods = new LinkedHashMap<>();
        podCpu.keySet().forEach(pod -> pods.put(pod, new PodUsage(podCpu.get(pod), podMemory.get(pod))));
        Double databaseCpu = podCpu.isEmpty() ? null : podCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        Double nodeCpu = sumOverNodes(nodes, NodeUsage::cpuSeconds);
        Double written = sumOverNodes(nodes, NodeUsage::diskWrittenBytes);
        Double writes = sumOverNodes(nodes, NodeUsage::diskWrites);
        return new ClusterResources(windowStart, windowEnd, completedTransfers, nodes, pods, databaseCpu, nodeCpu,
                written, writes, sumOverNodes(nodes, NodeUsage::networkSentBytes),
                perTransfer(databaseCpu == null ? null : databaseCpu * 1e6, completedTransfers),
                perTransfer(written, completedTransfers), perTransfer(writes, completedTransfers), notMeasured);
    }

    private static ClusterResources nothing(Instant start, Instant end, long completed, String reason) {
        return new ClusterResources(start, end, completed, Map.of(), Map.of(), null, null, null, null, null, null, null,
                null, List.of(reason));
    }

    /** The sum when every node has the figure, else null (a partial sum would pass for the whole). */
    private static Double sumOverNodes(Map<String, NodeUsage> nodes, Function<NodeUsage, Double> figure) {
        if (nodes.isEmpty() || nodes.values().stream().map(figure).anyMatch(Objects::isNull)) {
            return null;
        }
        return nodes.values().stream().map(figure).mapToDouble(Double::doubleValue).sum();
    }

    private static Double perTransfer(Double total, long completed) {
        return total == null || completed <= 0 ? null : total / completed;
    }
}
