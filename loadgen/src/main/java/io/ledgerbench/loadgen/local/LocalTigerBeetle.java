package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.driver.DatabaseUnavailableException;
import io.ledgerbench.loadgen.driver.tigerbeetle.TigerBeetleEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.ledgerbench.loadgen.network.LocalNetwork;
import io.ledgerbench.loadgen.network.NodeHost;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * TigerBeetle replicas on loopback, started from a `tigerbeetle` binary with production flags (no
 * --development: direct I/O is part of what is measured). Every run gets a freshly formatted
 * cluster: stop, remove the data files, format, start. Shut down cleanly on close.
 */
public final class LocalTigerBeetle implements AutoCloseable {

    private static final Duration START_WAIT = Duration.ofSeconds(60);
    /** The port a replica in a network namespace of its own listens on. */
    static final int NAMESPACED_PORT = 3000;

    private final Path binary;
    private final long clusterId;
    private final TemporaryDirectory directory;
    private final List<Integer> ports;
    /** The addresses each replica is given: its own, and a route to every other (a delay relay, with distance). */
    private final List<List<String>> addressesSeenBy;
    /** The addresses the load generator is given: a route to every replica. */
    private final List<String> clientAddresses;
    /** Where each replica runs (on this machine's loopback, or in a network namespace of its own). */
    private final List<NodeHost> hosts;
    private final List<Process> replicas = new ArrayList<>();

    private LocalTigerBeetle(Path binary, long clusterId, TemporaryDirectory directory, List<Integer> ports,
                             LocalNetwork network) {
        this.binary = binary;
        this.clusterId = clusterId;
        this.directory = directory;
        this.ports = ports;
        this.hosts = java.util.stream.IntStream.range(0, ports.size()).mapToObj(network::node).toList();
        this.addressesSeenBy = new ArrayList<>();
        for (int replica = 0; replica < ports.size(); replica++) {
            List<String> seen = new ArrayList<>();
            for (int peer = 0; peer < ports.size(); peer++) {
                InetSocketAddress server = new InetSocketAddress(hosts.get(peer).peerAddress(), ports.get(peer));
                if (peer != replica) {
                    seen.add(address(network.betweenNodes(server)));
                } else if (hosts.get(replica).isNamespaced()) {
                    // Its own entry is where it listens: in its namespace, on both its client and node address.
                    seen.add("0.0.0.0:" + ports.get(replica));
                } else {
                    seen.add(address(server));
                }
            }
            addressesSeenBy.add(List.copyOf(seen));
        }
        this.clientAddresses = java.util.stream.IntStream.range(0, ports.size()).mapToObj(replica -> address(
                network.toDatabase(new InetSocketAddress(hosts.get(replica).clientAddress(), ports.get(replica))))).toList();
    }

    private static String address(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Prepares replicaCount replicas on free loopback ports; {@link #freshCluster} starts them. */
    public static LocalTigerBeetle create(Path binary, long clusterId, int replicaCount) {
        return create(binary, clusterId, replicaCount, LocalNetwork.loopback());
    }

    /** As {@link #create(Path, long, int)}, the replicas and the client reaching each other through network. */
    public static LocalTigerBeetle create(Path binary, long clusterId, int replicaCount, LocalNetwork network) {
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < replicaCount; i++) {
                if (network.node(i).isNamespaced()) {
                    ports.add(NAMESPACED_PORT); // a namespace of its own has every port free
                    continue;
                }
                try (ServerSocket free = new ServerSocket(0)) {
                    ports.add(free.getLocalPort());
                }
            }
            return new LocalTigerBeetle(binary, clusterId, TemporaryDirectory.create("ledgerbench-tigerbeetle-"), ports,
                    network);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports for TigerBeetle: " + e.getMessage(), e);
        }
    }

    /** `tigerbeetle format` for one replica. */
    static List<String> formatCommand(Path binary, long clusterId, int replica, int replicaCount, Path file) {
        return List.of(binary.toString(), "format", "--cluster=" + clusterId, "--replica=" + replica,
                "--replica-count=" + replicaCount, file.toString());
    }

    /** `tigerbeetle start` for one replica, knowing every replica's address. */
    static List<String> startCommand(Path binary, List<String> addresses, Path file) {
        return List.of(binary.toString(), "start", "--addresses=" + String.join(",", addresses), file.toString());
    }

    public TigerBeetleEndpoint endpoint() {
        return new TigerBeetleEndpoint(clusterId, clientAddresses);
    }

    /** What the binary says it is (`tigerbeetle version`), recorded as the server version. */
    public String version() {
        try {
            Process version = new ProcessBuilder(binary.toString(), "version").redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            version.waitFor(30, TimeUnit.SECONDS);
            // 0.16.30 prints "TigerBeetle version 0.16.30+<commit>" (a binary built without its multiversion
            // payload logs an error line besides).
            return output.lines().filter(line -> line.contains("version") && !line.contains("error("))
                    .findFirst().map(line -> line.startsWith("TigerBeetle") ? line : "TigerBeetle " + line)
                    .orElse("TigerBeetle (version unknown)");
        } catch (IOException e) {
            return "TigerBeetle (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "TigerBeetle (version unknown)";
        }
    }

    /** Each replica's process by node name (replica-0, ...), read when asked: every run starts new ones. */
    public java.util.Map<String, java.util.function.LongSupplier> serverPids() {
        java.util.Map<String, java.util.function.LongSupplier> pids = new java.util.LinkedHashMap<>();
        for (int replica = 0; replica < ports.size(); replica++) {
            int index = replica;
            pids.put("replica-" + replica, () -> index < replicas.size() ? replicas.get(index).pid() : -1);
        }
        return pids;
    }

    /** Stops any running replicas, formats new data files and starts every replica; returns once all listen. */
    public void freshCluster() {
        stopReplicas();
        try {
            try (Stream<Path> files = Files.list(directory.path())) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            for (int replica = 0; replica < ports.size(); replica++) {
                run(formatCommand(binary, clusterId, replica, ports.size(), dataFile(replica)), "format replica " + replica);
            }
            for (int replica = 0; replica < ports.size(); replica++) {
                replicas.add(startReplica(replica));
            }
            for (int replica = 0; replica < ports.size(); replica++) {
                awaitListening(replica);
            }
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot start TigerBeetle from " + binary + ": " + e.getMessage(), e);
        }
    }

    private Path dataFile(int replica) {
        return directory.resolve("0_" + replica + ".tigerbeetle");
    }

    private void run(List<String> command, String what) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new DatabaseUnavailableException("tigerbeetle " + what + " failed: " + lastLines(output), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted during tigerbeetle " + what, e);
        }
    }

    private Process startReplica(int replica) throws IOException {
        return new ProcessBuilder(hosts.get(replica).launch(startCommand(binary, addressesSeenBy.get(replica),
                dataFile(replica))))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("replica-" + replica + ".log").toFile()))
                .start();
    }

    /** The replica accepts connections, or it is named with the end of its log. */
    private void awaitListening(int replica) throws IOException {
        Instant deadline = Instant.now().plus(START_WAIT);
        while (!accepts(hosts.get(replica).clientAddress(), ports.get(replica))) {
            Process process = replicas.get(replica);
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String log = Files.readString(directory.resolve("replica-" + replica + ".log"));
                throw new DatabaseUnavailableException("TigerBeetle replica " + replica + (process.isAlive()
                        ? " does not listen after " + START_WAIT.toSeconds() + " s" : " exited with "
                        + process.exitValue()) + ": " + lastLines(log), null);
            }
            try {
                Thread.sleep(100); // a starting server has nothing to wait on but its port
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseUnavailableException("interrupted while TigerBeetle starts", e);
            }
        }
    }

    private static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String lastLines(String output) {
        List<String> lines = output.strip().lines().toList();
        return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /** Kills one replica at once (SIGKILL), as a machine that is lost: no clean shutdown. */
    public String killReplica(int replica) {
        Process process = alive(replica);
        process.destroyForcibly();
        awaitExit(process);
        return "SIGKILL to replica-" + replica + " (pid " + process.pid() + ")";
    }

    /** Stops one replica (SIGTERM): its own shutdown. */
    public String stopReplica(int replica) {
        Process process = alive(replica);
        process.destroy();
        awaitExit(process);
        return "SIGTERM to replica-" + replica + " (pid " + process.pid() + ")";
    }

    private Process alive(int replica) {
        Process process = replicas.get(replica);
        if (!process.isAlive()) {
            throw new IllegalStateException("replica-" + replica + " is already down");
        }
        return process;
    }

    /** Starts a stopped or killed replica again on its data file; returns once it listens. */
    public String restartReplica(int replica) {
        if (replicas.get(replica).isAlive()) {
            return "replica-" + replica + " was running";
        }
        try {
            replicas.set(replica, startReplica(replica));
            awaitListening(replica);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot restart TigerBeetle replica " + replica + ": "
                    + e.getMessage(), e);
        }
        return "replica-" + replica + " started again on its data file (pid " + replicas.get(replica).pid() + ")";
    }

    private static void awaitExit(Process process) {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopReplicas() {
        for (Process replica : replicas) {
            replica.destroy();
        }
        for (Process replica : replicas) {
            try {
                if (!replica.waitFor(30, TimeUnit.SECONDS)) {
                    replica.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                replica.destroyForcibly();
            }
        }
        replicas.clear();
    }

    @Override
    public void close() {
        stopReplicas();
        directory.close();
    }
}
