package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.driver.postgres.PostgresLedgerDatabase;
import io.ledgerbench.loadgen.driver.postgres.PostgresServerSettings;
import io.ledgerbench.loadgen.driver.tigerbeetle.TigerBeetleLedgerDatabase;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.resources.ProcessTree;
import io.ledgerbench.loadgen.resources.ResourceMeter;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.Optional;

/**
 * The servers a local benchmark runs against, and a database for each run: PostgreSQL (embedded
 * single node, local cluster, or an existing server) keeps its servers and recreates its database
 * per run; TigerBeetle gets a freshly formatted cluster per run.
 */
interface LocalServers extends AutoCloseable {

    /** Where the servers are, for results. */
    String location();

    /** The database for run {@code run}, ready for reset; the caller closes it after the run. */
    LedgerDatabase openForRun(int run);

    /** Reads what the servers' processes (and PostgreSQL's statistics) have counted. */
    ResourceMeter resourceMeter();

    @Override
    void close();

    /** Starts what the spec asks for (checked by {@link LocalRunner#checkSupported} before). */
    static LocalServers start(BenchmarkRunSpec spec, Optional<PostgresEndpoint> externalPostgres, PrintStream out) {
        if (spec.database().engine() == EngineType.TIGERBEETLE) {
            LocalTigerBeetle cluster = LocalTigerBeetle.create(
                    TigerBeetleBinary.find(spec.database().tigerbeetle(), System.getenv()),
                    spec.database().tigerbeetle().clusterId(), spec.database().replicas());
            String version = cluster.version();
            out.printf("TigerBeetle: %d replica(s) on loopback, a freshly formatted cluster for every run (%s)%n",
                    spec.database().replicas(), version);
            return new LocalServers() {
                @Override
                public String location() {
                    return "local, this machine: " + cluster.endpoint().describe();
                }

                @Override
                public LedgerDatabase openForRun(int run) {
                    cluster.freshCluster();
                    return new TigerBeetleLedgerDatabase(cluster.endpoint(), version,
                            spec.database().tigerbeetle().requestTimeoutDuration());
                }

                @Override
                public ResourceMeter resourceMeter() {
                    return new ResourceMeter(cluster.serverPids(), Optional.empty(), ProcessTree.ofThisMachine(), "");
                }

                @Override
                public void close() {
                    cluster.close();
                }
            };
        }
        if (externalPostgres.isPresent()) {
            PostgresEndpoint endpoint = externalPostgres.get();
            out.println("using PostgreSQL at " + endpoint.describe() + " (database " + endpoint.database()
                    + " is dropped and recreated for every run)");
            return postgres(spec, endpoint, endpoint.host() + ":" + endpoint.port(), Map.of(), () -> { });
        }
        if (spec.database().replicas() > 1) {
            out.printf("starting a local PostgreSQL cluster: a primary and %d standbys (%s) ...%n",
                    spec.database().replicas() - 1, PostgresServerSettings.synchronousStandbyNames(
                            spec.database().postgresql().synchronousStandbys()));
            LocalPostgresCluster cluster = LocalPostgresCluster.start(spec);
            out.println(cluster.describe());
            return postgres(spec, cluster.primaryEndpoint(), cluster.describe(), cluster.serverPids(), cluster::close);
        }
        out.println("starting embedded PostgreSQL ...");
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(spec);
        return postgres(spec, embedded.endpoint(), "embedded, this machine", Map.of("server", embedded::serverPid),
                embedded::close);
    }

    private static LocalServers postgres(BenchmarkRunSpec spec, PostgresEndpoint endpoint, String location,
                                         Map<String, LongSupplier> serverPids, Runnable stop) {
        return new LocalServers() {
            @Override
            public String location() {
                return location;
            }

            @Override
            public LedgerDatabase openForRun(int run) {
                return new PostgresLedgerDatabase(endpoint, spec.database().postgresql());
            }

            @Override
            public ResourceMeter resourceMeter() {
                return new ResourceMeter(serverPids, Optional.of(endpoint), ProcessTree.ofThisMachine(),
                        "an existing server (--postgres-url) may not be this machine's, its processes are not read");
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }
}
