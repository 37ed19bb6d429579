package io.ledgerbench.loadgen.local;

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
 * again on the same data (crash recovery after a kill).
 */
final class PostgresNode {

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final Path directory;
    private final Map<String, String> settings;
    private int port;
    private EmbeddedPostgres server;
    /** A killed server's handle: its lock on the data directory is released only when it is closed. */
    private EmbeddedPostgres killed;

    PostgresNode(String name, Path directory, int port, Map<String, String> settings) {
        this.name = name;
        this.directory = directory;
        this.port = port;
        this.settings = settings;
    }

    String name() {
        return name;
    }

    /** The port (0 until first started when none was given). */
    int port() {
        return port;
    }

    boolean isUp() {
        return server != null;
    }

    /** The postmaster's pid, or -1 while down. */
    long pid() {
        return server == null ? -1 : EmbeddedPostgresServer.postmasterPid(directory);
    }

    /** Starts the server (initdb first if the directory is empty); returns once it answers queries. */
    synchronized void start() {
        if (server != null) {
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

    /** Stops the server cleanly (a fast shutdown: sessions rolled back, a checkpoint written). */
    synchronized String stop() {
        if (server == null) {
            throw new IllegalStateException(name + " is already down");
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
        if (server == null) {
            throw new IllegalStateException(name + " is already down");
        }
        long pid = EmbeddedPostgresServer.postmasterPid(directory);
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name
                + "'s postmaster (pid " + pid + ") is not running"));
        List<ProcessHandle> processes = Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        // Polled together, often: a non-child's onExit is polled with growing pauses, seconds for a process tree.
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while (processes.stream().anyMatch(PostgresNode::running)) {
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
        return "SIGKILL to " + processes.size() + " processes of " + name + " (postmaster " + pid + ")";
    }

    /** Alive and not a zombie: a killed process nobody has reaped yet has stopped for good. */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // pid (comm) state ...: the state follows the last ')' (a command may contain one).
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return false; // gone between the two looks
        }
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
        if (server != null) {
            stop();
        }
    }
}
