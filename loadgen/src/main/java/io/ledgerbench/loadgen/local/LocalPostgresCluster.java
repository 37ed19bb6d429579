package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.driver.postgres.PostgresServerSettings;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spec's PostgreSQL cluster on this machine (SPEC section 5): a primary and replicas - 1
 * standbys on loopback, from the embedded PostgreSQL 18 binaries, with the settings the StatefulSet
 * ships ({@link PostgresServerSettings}). The embedded binaries have no pg_basebackup, so each standby
 * starts from a copy of the primary's data directory taken while the primary is cleanly stopped
 * (consistent by construction), with what pg_basebackup -R would write: standby.signal and
 * primary_conninfo carrying the standby's application_name.
 */
public final class LocalPostgresCluster implements AutoCloseable {

    /** What a clean copy leaves out: the running server's and the embedding library's lock files. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final TemporaryDirectory root;
    private final Map<String, String> settings;
    private final Path primaryDirectory;
    private final int primaryPort;
    private EmbeddedPostgres primary;
    private final List<Standby> standbys = new ArrayList<>();

    /** A standby: its name (application_name), data directory and port; server null while stopped. */
    private static final class Standby {
        private final String name;
        private final Path directory;
        private int port;
        private EmbeddedPostgres server;

        private Standby(String name, Path directory) {
            this.name = name;
            this.directory = directory;
        }
    }

    private LocalPostgresCluster(TemporaryDirectory root, Map<String, String> settings, Path primaryDirectory, int primaryPort) {
        this.root = root;
        this.settings = settings;
        this.primaryDirectory = primaryDirectory;
        this.primaryPort = primaryPort;
    }

    /** Starts the spec's cluster (at least 2 replicas) and returns once every standby streams from the primary. */
    public static LocalPostgresCluster start(BenchmarkRunSpec spec) {
        int replicas = spec.database().replicas();
        if (replicas < 2) {
            throw new IllegalArgumentException("a cluster needs at least 2 replicas (got " + replicas + ")");
        }
        TemporaryDirectory root = TemporaryDirectory.create("ledgerbench-pgcluster-");
        Map<String, String> settings = PostgresServerSettings.of(spec);
        Path primaryDirectory = root.resolve("primary");
        LocalPostgresCluster cluster = null;
        try {
            // initdb and a first start write the configuration; a clean stop leaves a consistent directory to copy.
            EmbeddedPostgres initializing = server(primaryDirectory, 0, settings);
            int port = initializing.getPort();
            initializing.close();
            cluster = new LocalPostgresCluster(root, settings, primaryDirectory, port);
            for (int index = 1; index < replicas; index++) {
                Standby standby = new Standby("standby-" + index, root.resolve("standby-" + index));
                copyDataDirectory(primaryDirectory, standby.directory);
                Files.writeString(standby.directory.resolve("standby.signal"), "");
                Files.writeString(standby.directory.resolve("postgresql.auto.conf"), "primary_conninfo = '"
                        + PostgresServerSettings.standbyConnection("localhost", port, "postgres", standby.name) + "'\n");
                cluster.standbys.add(standby);
            }
            cluster.primary = server(primaryDirectory, port, settings);
            for (int index = 0; index < cluster.standbys.size(); index++) {
                cluster.startStandby(index);
            }
            cluster.awaitStreaming(cluster.standbys.size());
            return cluster;
        } catch (IOException | RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            } else {
                root.close();
            }
            throw e instanceof IOException io ? new UncheckedIOException("cannot start the local PostgreSQL cluster: "
                    + io.getMessage(), io) : (RuntimeException) e;
        }
    }

    private static EmbeddedPostgres server(Path directory, int port, Map<String, String> settings) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(STARTUP_WAIT);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgresServer.configure(builder, settings);
        return builder.start();
    }

    /** Each server's process by node name (primary, standby-1, ...), read when asked: a standby may restart. */
    public java.util.Map<String, java.util.function.LongSupplier> serverPids() {
        java.util.Map<String, java.util.function.LongSupplier> pids = new java.util.LinkedHashMap<>();
        pids.put("primary", () -> EmbeddedPostgresServer.postmasterPid(primaryDirectory));
        for (Standby standby : standbys) {
            pids.put(standby.name, () -> EmbeddedPostgresServer.postmasterPid(standby.directory));
        }
        return pids;
    }

    public PostgresEndpoint primaryEndpoint() {
        return new PostgresEndpoint("localhost", primaryPort, "postgres", "", PostgresEndpoint.DEFAULT_DATABASE);
    }

    /** Standby index (0-based) as a read-only endpoint. */
    public PostgresEndpoint standbyEndpoint(int index) {
        return new PostgresEndpoint("localhost", standbys.get(index).port, "postgres", "", PostgresEndpoint.DEFAULT_DATABASE);
    }

    public int standbyCount() {
        return standbys.size();
    }

    /** Stops standby index cleanly (a node going away); its data stays for {@link #startStandby}. */
    public void stopStandby(int index) {
        Standby standby = standbys.get(index);
        if (standby.server != null) {
            try {
                standby.server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop " + standby.name + ": " + e.getMessage(), e);
            }
            standby.server = null;
        }
    }

    /** Starts standby index (again); it catches up by streaming from the primary. */
    public void startStandby(int index) {
        Standby standby = standbys.get(index);
        if (standby.server == null) {
            try {
                standby.server = server(standby.directory, standby.port, settings);
                standby.port = standby.server.getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + standby.name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Waits until count standbys stream from the primary (the quorum can be met). */
    public void awaitStreaming(int count) {
        Instant deadline = Instant.now().plus(STARTUP_WAIT);
        try (Connection connection = DriverManager.getConnection(primaryEndpoint().jdbcUrl("postgres"), "postgres", "");
             Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet streaming = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) {
                    streaming.next();
                    if (streaming.getInt(1) >= count) {
                        return;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("only some standbys of the local cluster stream after "
                            + STARTUP_WAIT.toSeconds() + " s (expected " + count + ")");
                }
                Thread.sleep(100); // replication connects on its own schedule; nothing to wait on but the view
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask the local primary about its standbys: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for standbys", e);
        }
    }

    /** "primary on port P, standby-1 on port Q, ...": where the benchmark ran. */
    public String describe() {
        StringBuilder description = new StringBuilder("local cluster, this machine: primary on port " + primaryPort);
        standbys.forEach(standby -> description.append(", ").append(standby.name).append(" on port ").append(standby.port));
        return description.toString();
    }

    @Override
    public void close() {
        for (int index = 0; index < standbys.size(); index++) {
            stopStandby(index);
        }
        try {
            if (primary != null) {
                primary.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the local primary: " + e.getMessage(), e);
        } finally {
            primary = null;
            root.close();
        }
    }

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(directory)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!NOT_COPIED.contains(file.getFileName().toString())) {
                    Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // PostgreSQL refuses a data directory others can read.
        Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
}
