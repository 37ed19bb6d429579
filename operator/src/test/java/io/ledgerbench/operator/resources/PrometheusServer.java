package io.ledgerbench.operator.resources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's package) on a loopback port, scraping a real node-exporter (Debian's
 * prometheus-node-exporter) every second under each given node name (as kube-prometheus-stack
 * relabels instance to the node name; one machine playing several nodes), and the given
 * load-generator /metrics endpoints.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final String NODE = "db-0";
    public static final String ABSENT = "no prometheus and prometheus-node-exporter on PATH (Debian packages prometheus,"
            + " prometheus-node-exporter; .ci/run installs them)";

    private final List<Process> processes = new ArrayList<>();
    /** A test JVM ended without closing this (Ctrl-C, a timeout) must not leave Prometheus running. */
    private final Thread stopAtExit = new Thread(this::stopProcesses, "stop-prometheus");
    private final Path work;
    private URI uri;

    private PrometheusServer(Path work) {
        this.work = work;
    }

    public static boolean isAvailable() {
        return executable("prometheus").isPresent() && executable("prometheus-node-exporter").isPresent();
    }

    private static Optional<Path> executable(String name) {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/bin"))
                .filter(directory -> !directory.isEmpty()).map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable).findFirst();
    }

    public static PrometheusServer start(Path work, List<Integer> loadgenPorts) {
        return start(work, loadgenPorts, List.of(NODE));
    }

    public static PrometheusServer start(Path work, List<Integer> loadgenPorts, List<String> nodes) {
        PrometheusServer server = new PrometheusServer(work);
        Runtime.getRuntime().addShutdownHook(server.stopAtExit);
        try {
            int exporterPort = freePort();
            server.launch("node-exporter", executable("prometheus-node-exporter").orElseThrow().toString(),
                    "--web.listen-address=127.0.0.1:" + exporterPort);
            StringBuilder loadgen = new StringBuilder();
            loadgenPorts.forEach(port -> loadgen.append("\"127.0.0.1:").append(port).append("\", "));
            StringBuilder targets = new StringBuilder();
            nodes.forEach(node -> targets.append("{targets: [\"127.0.0.1:").append(exporterPort)
                    .append("\"], labels: {node: ").append(node).append("}}, "));
            Path config = Files.writeString(work.resolve("prometheus.yml"), """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    scrape_configs:
                      - job_name: node-exporter
                        static_configs: [%s]
                        relabel_configs: [{source_labels: [node], target_label: instance}]
                      - job_name: loadgen
                        static_configs: [{targets: [%s]}]
                    """.formatted(targets.toString().replaceAll(", $", ""), loadgen.toString().replaceAll(", $", "")));
            int port = freePort();
            server.launch("prometheus", executable("prometheus").orElseThrow().toString(),
                    "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port);
            server.uri = URI.create("http://127.0.0.1:" + port);
            return server;
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return uri;
    }

    private void launch(String name, String... command) throws IOException {
        processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until Prometheus holds a few samples of every node: increase() needs two at least. */
    public void awaitSamplesOfEveryNode(List<String> nodes) {
        PrometheusClient client = new PrometheusClient(uri);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> {
                    java.util.Map<String, Double> counts = client.query(
                            "count_over_time(up{job=\"node-exporter\"}[5s])", java.time.Instant.now(), "instance");
                    return nodes.stream().allMatch(node -> counts.getOrDefault(node, 0.0) >= 3);
                });
    }

    @Override
    public void close() {
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
        stopProcesses();
    }

    private void stopProcesses() {
        for (Process process : processes) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
