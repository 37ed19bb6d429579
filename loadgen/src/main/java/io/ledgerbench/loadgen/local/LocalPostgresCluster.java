package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.driver.postgres.PostgresServerSettings;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.network.LocalNetwork;
import java.net.InetSocketAddress;
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
public final class LocalPostgresCluster implements AutoCloseable, LocalServers.PostgresNodes {

    /** What a clean copy leaves out: the running server's and the embedding library's lock files. */
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final TemporaryDirectory root;
    private final PostgresNode primary;
    private final List<PostgresNode> standbys = new ArrayList<>();

    private LocalPostgresCluster(TemporaryDirectory root, PostgresNode primary) {
        this.root = root;
        this.primary = primary;
    }

    /** Starts the spec's cluster (at least 2 replicas) and returns once every standby streams from the primary. */
    public static LocalPostgresCluster start(BenchmarkRunSpec spec) {
        return start(spec, LocalNetwork.loopback());
    }

    /**
     * As {@link #start(BenchmarkRunSpec)}, node i on network's node i (the primary is node 0), each standby
     * reaching the primary through network's route between nodes.
     */
    public static LocalPostgresCluster start(BenchmarkRunSpec spec, LocalNetwork network) {
        int replicas = spec.database().replicas();
        if (replicas < 2) {
            throw new IllegalArgumentException("a cluster needs at least 2 replicas (got " + replicas + ")");
        }
        TemporaryDirectory root = TemporaryDirectory.create("ledgerbench-pgcluster-");
        Map<String, String> settings = PostgresServerSettings.of(spec);
        LocalPostgresCluster cluster = null;
        try {
            // initdb and a first start write the configuration; a clean stop leaves a consistent directory to copy.
            PostgresNode initializing = new PostgresNode("primary", root.resolve("primary"), 0, settings);
            initializing.start();
            Path binaries = initializing.binaries();
            initializing.stop();
            cluster = new LocalPostgresCluster(root, PostgresNode.on(network.node(0), "primary", root.resolve("primary"),
                    initializing.port(), settings, binaries));
            InetSocketAddress primaryRoute = network.betweenNodes(new InetSocketAddress(cluster.primary.peerAddress(),
                    cluster.primary.port()));
            for (int index = 1; index < replicas; index++) {
                String name = "standby-" + index;
                Path directory = root.resolve(name);
                copyDataDirectory(root.resolve("primary"), directory);
                Files.writeString(directory.resolve("standby.signal"), "");
                Files.writeString(directory.resolve("postgresql.auto.conf"), "primary_conninfo = '"
                        + PostgresServerSettings.standbyConnection(primaryRoute.getHostString(), primaryRoute.getPort(),
                        "postgres", name) + "'\n");
                cluster.standbys.add(PostgresNode.on(network.node(index), name, directory, 0, settings, binaries));
            }
            cluster.primary.start();
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

    /** Each server's process by node name (primary, standby-1, ...), read when asked: a node may restart. */
    public java.util.Map<String, java.util.function.LongSupplier> serverPids() {
        java.util.Map<String, java.util.function.LongSupplier> pids = new java.util.LinkedHashMap<>();
        pids.put(primary.name(), primary::pid);
        for (PostgresNode standby : standbys) {
            pids.put(standby.name(), standby::pid);
        }
        return pids;
    }

    public PostgresEndpoint primaryEndpoint() {
        return new PostgresEndpoint(primary.clientHost(), primary.port(), "postgres", "",
                PostgresEndpoint.DEFAULT_DATABASE);
    }

    /** Standby index (0-based) as a read-only endpoint. */
    public PostgresEndpoint standbyEndpoint(int index) {
        return new PostgresEndpoint(standbys.get(index).clientHost(), standbys.get(index).port(), "postgres", "",
                PostgresEndpoint.DEFAULT_DATABASE);
    }

    public int standbyCount() {
        return standbys.size();
    }

    /** Stops standby index cleanly (a node going away); its data stays for {@link #startStandby}. */
    public void stopStandby(int index) {
        if (standbys.get(index).isUp()) {
            standbys.get(index).stop();
        }
    }

    /** Starts standby index (again); it catches up by streaming from the primary. */
    public void startStandby(int index) {
        standbys.get(index).start();
    }

    /** The node of this name (primary, standby-N). */
    @Override
    public PostgresNode node(String name) {
        if (name.equals(primary.name())) {
            return primary;
        }
        return standbys.stream().filter(standby -> standby.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this cluster has no node " + name));
    }

    /** Whether the primary is up. */
    @Override
    public boolean primaryUp() {
        return primary.isUp();
    }

    @Override
    public List<PostgresNode> nodes() {
        List<PostgresNode> all = new ArrayList<>(List.of(primary));
        all.addAll(standbys);
        return all;
    }

    /** The standbys that are up, each as a read-only endpoint by name. */
    Map<String, PostgresEndpoint> standbysUp() {
        Map<String, PostgresEndpoint> up = new java.util.LinkedHashMap<>();
        for (int index = 0; index < standbys.size(); index++) {
            if (standbys.get(index).isUp()) {
                up.put(standbys.get(index).name(), standbyEndpoint(index));
            }
        }
        return up;
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

    /**
     * With the primary down: the standby holding the most WAL, once it has replayed all it received. Every
     * commit the primary acknowledged under synchronous replication reached at least one standby, and a
     * standby's WAL is a prefix of the primary's, so this one holds every acknowledged commit.
     */
    @Override
    public PostgresEndpoint survivingStandby() {
        PostgresEndpoint best = null;
        java.math.BigDecimal bestLsn = null;
        for (PostgresEndpoint standby : standbysUp().values()) {
            java.math.BigDecimal lsn = replayedEverythingReceived(standby);
            if (bestLsn == null || lsn.compareTo(bestLsn) > 0) {
                best = standby;
                bestLsn = lsn;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no standby is up to check the invariants on");
        }
        return best;
    }

    /** Waits until the standby has replayed what it received; returns that position (bytes of WAL). */
    private static java.math.BigDecimal replayedEverythingReceived(PostgresEndpoint standby) {
        Instant deadline = Instant.now().plus(STARTUP_WAIT);
        try (Connection connection = DriverManager.getConnection(standby.jdbcUrl("postgres"), "postgres", "");
             Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet row = statement.executeQuery("SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), '0/0'),"
                        + " pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())")) {
                    row.next();
                    java.math.BigDecimal received = row.getBigDecimal(1);
                    java.math.BigDecimal behind = row.getBigDecimal(2);
                    if (received == null) {
                        return java.math.BigDecimal.ZERO; // it never streamed: it holds only the copy it started from
                    }
                    if (behind.signum() <= 0) {
                        return received;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("a standby did not replay what it received within "
                            + STARTUP_WAIT.toSeconds() + " s");
                }
                Thread.sleep(100); // replay runs on its own: nothing to wait on but the position
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask a standby how far it is: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a standby's replay", e);
        }
    }

    /** "primary on port P, standby-1 on port Q, ...": where the benchmark ran. */
    public String describe() {
        StringBuilder description = new StringBuilder("local cluster, this machine: primary " + where(primary));
        standbys.forEach(standby -> description.append(", ").append(standby.name()).append(" ").append(where(standby)));
        return description.toString();
    }

    private static String where(PostgresNode node) {
        return node.clientHost().equals("localhost") ? "on port " + node.port()
                : "at " + node.clientHost() + ":" + node.port() + " (own network namespace)";
    }

    @Override
    public void close() {
        try {
            standbys.forEach(PostgresNode::close);
            primary.close();
        } finally {
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
