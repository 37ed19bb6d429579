package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.network.NodeHost;
import io.ledgerbench.loadgen.resources.ProcessTree;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One PostgreSQL server of the local runner (a primary or a standby) on its data directory and port,
 * from the embedded binaries: started, stopped cleanly, killed as a lost machine would be, and started
 * again on the same data (crash recovery after a kill). On this machine's network the embedding library
 * runs it; in a network namespace of its own, this node runs the same binaries' postmaster inside it.
 */
final class PostgresNode {

    /** The port a server in a namespace of its own listens on (the namespace has nothing else). */
    static final int NAMESPACED_PORT = 5432;
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);
    private static final String TRUST_MARKER = "# ledgerbench: the run's namespace networks";

    private final String name;
    private final Path directory;
    private final Map<String, String> settings;
    private final NodeHost host;
    /** The embedded binaries' directory, for a server this node starts in a namespace (null: the library starts it). */
    private final Path binaries;
    private int port;
    private EmbeddedPostgres server;
    /** A killed server's handle: its lock on the data directory is released only when it is closed. */
    private EmbeddedPostgres killed;
    /** Whether a server started in a namespace is up, and its postmaster. */
    private boolean namespacedUp;
    private Process postmaster;

    PostgresNode(String name, Path directory, int port, Map<String, String> settings) {
        this(name, directory, port, settings, NodeHost.thisMachine("127.0.0.1"), null);
    }

    private PostgresNode(String name, Path directory, int port, Map<String, String> settings, NodeHost host,
                         Path binaries) {
        this.name = name;
        this.directory = directory;
        this.port = port;
        this.settings = settings;
        this.host = host;
        this.binaries = binaries;
    }

    /**
     * A node on host: in its namespace when it has one (from binaries, the directory of the postgres executable
     * an embedded server ran), else on this machine's network as {@link #PostgresNode(String, Path, int, Map)}.
     */
    static PostgresNode on(NodeHost host, String name, Path directory, int port, Map<String, String> settings,
                           Path binaries) {
        return host.isNamespaced() ? new PostgresNode(name, directory, NAMESPACED_PORT, settings, host, binaries)
                : new PostgresNode(name, directory, port, settings);
    }

    /** The host name the load generator reaches this server at. */
    String clientHost() {
        return host.isNamespaced() ? host.clientAddress() : "localhost";
    }

    /** The address other nodes reach this server at. */
    String peerAddress() {
        return host.peerAddress();
    }

    /** The directory of the binaries a running embedded server was started from (its postgres executable's). */
    Path binaries() {
        long pid = pid();
        return ProcessHandle.of(pid).flatMap(process -> process.info().command()).map(Path::of).map(Path::getParent)
                .orElseThrow(() -> new IllegalStateException("cannot tell where " + name + "'s binaries are (pid "
                        + pid + ")"));
    }

    String name() {
        return name;
    }

    /** The port (0 until first started when none was given). */
    int port() {
        return port;
    }

    boolean isUp() {
        return server != null || namespacedUp;
    }

    /** The postmaster's pid, or -1 while down. */
    long pid() {
        return isUp() ? EmbeddedPostgresServer.postmasterPid(directory) : -1;
    }

    /** Starts the server (initdb first if the directory is empty); returns once it answers queries. */
    synchronized void start() {
        if (isUp()) {
            return;
        }
        if (binaries != null) {
            startInNamespace();
            return;
        }
        try {
            if (killed != null) {
                killed.close(); // its pg_ctl stop finds no server (quietly: see simplelogger.properties)
                killed = null;
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(STARTUP_WAIT);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgresServer.configure(builder, settings);
            server = builder.start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The postmaster inside the node's namespace, listening on its addresses there and trusting the run's networks
     * (the embedded initdb trusts loopback only); returns once the server accepts connections.
     */
    private void startInNamespace() {
        try {
            Path hba = directory.resolve("pg_hba.conf");
            if (!java.nio.file.Files.readString(hba).contains(TRUST_MARKER)) {
                StringBuilder trust = new StringBuilder("\n" + TRUST_MARKER + "\n");
                for (String network : host.clientNetworks()) {
                    trust.append("host all all ").append(network).append(" trust\n");
                    trust.append("host replication all ").append(network).append(" trust\n");
                }
                java.nio.file.Files.writeString(hba, trust, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot let the run's networks reach " + name + ": " + e.getMessage(), e);
        }
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>(settings);
        options.put("listen_addresses", host.clientAddress().equals(host.peerAddress()) ? host.clientAddress()
                : host.clientAddress() + "," + host.peerAddress());
        // Every node's port is 5432 in its own namespace; their Unix sockets share one file system.
        options.put("unix_socket_directories", directory.toString());
        // The postmaster itself, in a user namespace of its own as the embedding library starts it: PostgreSQL refuses
        // to run as root, and there it is not (ip netns exec and unshare exec it: it keeps their pid).
        List<String> command = new java.util.ArrayList<>(List.of("unshare", "-U",
                binaries.resolve("postgres").toString(), "-D", directory.toString(), "-p", Integer.toString(port)));
        options.forEach((setting, value) -> command.addAll(List.of("-c", setting + "=" + value)));
        Path log = directory.resolveSibling(directory.getFileName() + ".log");
        try {
            postmaster = new ProcessBuilder(host.launch(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
        try {
            awaitReady(postmaster, log);
        } catch (RuntimeException e) {
            postmaster.destroyForcibly(); // a half-started server is not left behind
            throw e;
        }
        namespacedUp = true;
    }

    /** Waits until the postmaster says it accepts connections (postmaster.pid's status line, as pg_ctl -w reads). */
    private void awaitReady(Process process, Path log) {
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        Path lockFile = directory.resolve("postmaster.pid");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("cannot start " + name + ": its postmaster exited (" + process.exitValue()
                        + "): " + lastLines(log));
            }
            try {
                List<String> lines = java.nio.file.Files.readAllLines(lockFile);
                if (lines.size() >= 8 && lines.getFirst().strip().equals(Long.toString(process.pid()))
                        && lines.get(7).strip().equals("ready")) {
                    return;
                }
            } catch (IOException | RuntimeException notYet) {
                // not written yet, or being written
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not accept connections within " + STARTUP_WAIT.toSeconds()
                        + " s: " + lastLines(log));
            }
            try {
                Thread.sleep(10); // the postmaster announces readiness only in its lock file
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + name, e);
            }
        }
    }

    /** What the server's log ends with (its data directory, and the log beside it, go when the run ends). */
    private static String lastLines(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** A fast shutdown of the postmaster this node started (SIGINT), waited for. */
    private void stopPostmaster() {
        try {
            Process signal = new ProcessBuilder("kill", "-s", "INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).start();
            signal.waitFor();
            if (!postmaster.waitFor(EXIT_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not shut down within " + EXIT_WAIT.toSeconds() + " s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot signal " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
    }

    /** Stops the server cleanly (a fast shutdown: sessions rolled back, a checkpoint written). */
    synchronized String stop() {
        if (!isUp()) {
            throw new IllegalStateException(name + " is already down");
        }
        if (binaries != null) {
            stopPostmaster();
            namespacedUp = false;
            return "clean shutdown of " + name + " (SIGINT: a fast shutdown, as pg_ctl stop -m fast)";
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop " + name + ": " + e.getMessage(), e);
        } finally {
            server = null;
        }
        return "clean shutdown of " + name + " (pg_ctl stop -m fast)";
    }

    /** Kills the postmaster and every process of it at once (SIGKILL), as a machine that is lost. */
    synchronized String kill() {
        if (!isUp()) {
            throw new IllegalStateException(name + " is already down");
        }
        long pid = EmbeddedPostgresServer.postmasterPid(directory);
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name
                + "'s postmaster (pid " + pid + ") is not running"));
        List<ProcessHandle> processes = Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        // Polled together, often: a non-child's onExit is polled with growing pauses, seconds for a process tree.
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while (!processes.stream().allMatch(ProcessTree::hasEnded)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + "'s processes survived SIGKILL for " + EXIT_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing " + name, e);
            }
        }
        killed = server;
        server = null;
        namespacedUp = false;
        return "SIGKILL to " + processes.size() + " processes of " + name + " (postmaster " + pid + ")";
    }

    /** Stops the server if it runs (after a kill: releases what the killed one held). */
    synchronized void close() {
        try {
            if (killed != null) {
                killed.close();
                killed = null;
            }
        } catch (IOException e) {
            // the killed server's lock file: nothing left to release
        }
        if (isUp()) {
            stop();
        }
    }
}
