package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.driver.postgres.PostgresLedgerDatabase;
import io.ledgerbench.loadgen.driver.postgres.PostgresServerSettings;
import io.ledgerbench.loadgen.driver.tigerbeetle.TigerBeetleLedgerDatabase;
import io.ledgerbench.loadgen.fault.FaultTarget;
import io.ledgerbench.loadgen.network.LocalNetwork;
import io.ledgerbench.loadgen.resources.ProcessTree;
import io.ledgerbench.loadgen.resources.ResourceMeter;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.FaultAction;
import io.ledgerbench.loadgen.spec.FaultSpec;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The servers a local benchmark runs against, and a database for each run: PostgreSQL (embedded
 * single node, local cluster, or an existing server) keeps its servers and recreates its database
 * per run; TigerBeetle gets a freshly formatted cluster per run. With spec.network the load generator
 * and the nodes reach each other through delay relays; spec.faults act on the servers' processes.
 */
interface LocalServers extends AutoCloseable {

    /** Where the servers are, for results. */
    String location();

    /** The port the database nodes listen on (a TCP connect to it measures the distance to them). */
    int nodePort();

    /** The database for run {@code run}, ready for reset; the caller closes it after the run. */
    LedgerDatabase openForRun(int run);

    /** Reads what the servers' processes (and PostgreSQL's statistics) have counted. */
    ResourceMeter resourceMeter();

    /** The nodes faults act on (only servers this runner started). */
    FaultTarget faultTarget();

    /**
     * Where to check the invariants after a run with faults, with a description: the run's database while it can
     * answer; with the PostgreSQL primary down, the standby holding every acknowledged commit.
     */
    Verification verificationAfterFaults(LedgerDatabase runDatabase);

    /** Starts every node a fault left down, so the next run finds the whole cluster. */
    void restoreNodes();

    @Override
    void close();

    /** A database to check the invariants on, the nodes it stands for, and whether the caller must close it. */
    record Verification(LedgerDatabase database, String nodes, boolean closeAfter) {
    }

    /** Starts what the spec asks for (checked by {@link LocalRunner#checkSupported} before). */
    static LocalServers start(BenchmarkRunSpec spec, Optional<PostgresEndpoint> externalPostgres, PrintStream out,
                              LocalNetwork network) {
        if (spec.database().engine() == EngineType.TIGERBEETLE) {
            return tigerBeetle(spec, out, network);
        }
        if (externalPostgres.isPresent()) {
            PostgresEndpoint endpoint = externalPostgres.get();
            out.println("using PostgreSQL at " + endpoint.describe() + " (database " + endpoint.database()
                    + " is dropped and recreated for every run)");
            return postgres(spec, routed(endpoint, network), endpoint.host() + ":" + endpoint.port(), Map.of(),
                    () -> { }, null);
        }
        if (spec.database().replicas() > 1) {
            out.printf("starting a local PostgreSQL cluster: a primary and %d standbys (%s) ...%n",
                    spec.database().replicas() - 1, PostgresServerSettings.synchronousStandbyNames(
                            spec.database().postgresql().synchronousStandbys()));
            LocalPostgresCluster cluster = LocalPostgresCluster.start(spec, network);
            out.println(cluster.describe());
            return postgres(spec, routed(cluster.primaryEndpoint(), network), cluster.describe(), cluster.serverPids(),
                    cluster::close, cluster);
        }
        out.println("starting embedded PostgreSQL ...");
        EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(spec, network.node(0));
        return postgres(spec, routed(embedded.endpoint(), network), network.node(0).isNamespaced()
                        ? "embedded, this machine, at " + embedded.endpoint().host() + " (own network namespace)"
                        : "embedded, this machine",
                Map.of("server", embedded::serverPid), embedded::close, new SingleNode(embedded.node()));
    }

    /** The endpoint the load generator uses: through the client link's delay when there is one. */
    private static PostgresEndpoint routed(PostgresEndpoint server, LocalNetwork network) {
        InetSocketAddress route = network.toDatabase(new InetSocketAddress(server.host(), server.port()));
        return new PostgresEndpoint(route.getHostString(), route.getPort(), server.user(), server.password(),
                server.database());
    }

    private static LocalServers tigerBeetle(BenchmarkRunSpec spec, PrintStream out, LocalNetwork network) {
        LocalTigerBeetle cluster = LocalTigerBeetle.create(
                TigerBeetleBinary.find(spec.database().tigerbeetle(), System.getenv()),
                spec.database().tigerbeetle().clusterId(), spec.database().replicas(), network);
        String version = cluster.version();
        out.printf("TigerBeetle: %d replica(s) on loopback, a freshly formatted cluster for every run (%s)%n",
                spec.database().replicas(), version);
        List<Integer> down = new ArrayList<>();
        return new LocalServers() {
            @Override
            public String location() {
                return "local, this machine: " + cluster.endpoint().describe();
            }

            @Override
            public int nodePort() {
                String first = cluster.endpoint().addresses().getFirst();
                return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
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
            public FaultTarget faultTarget() {
                return new FaultTarget() {
                    @Override
                    public String apply(FaultAction action, String node) {
                        int replica = FaultSpec.ordinal(node).orElseThrow();
                        synchronized (down) {
                            down.add(replica);
                        }
                        return action == FaultAction.KILL ? cluster.killReplica(replica) : cluster.stopReplica(replica);
                    }

                    @Override
                    public String restart(String node) {
                        int replica = FaultSpec.ordinal(node).orElseThrow();
                        String what = cluster.restartReplica(replica);
                        synchronized (down) {
                            down.remove(Integer.valueOf(replica));
                        }
                        return what;
                    }
                };
            }

            @Override
            public Verification verificationAfterFaults(LedgerDatabase runDatabase) {
                java.util.Set<String> nodesDown = new java.util.HashSet<>();
                synchronized (down) {
                    down.forEach(replica -> nodesDown.add("replica-" + replica));
                }
                if (nodesDown.isEmpty()) {
                    return new Verification(runDatabase, "every replica", false);
                }
                String first = nodesDown.iterator().next();
                java.util.Set<String> others = new java.util.HashSet<>(nodesDown);
                others.remove(first);
                if (io.ledgerbench.loadgen.fault.FaultExpectation.of(spec.database(), first, others).keepsCommitting()) {
                    return new Verification(runDatabase, "the replicas still up (" + (spec.database().replicas()
                            - nodesDown.size()) + " of " + spec.database().replicas() + ")", false);
                }
                restoreNodes(); // too few remain to answer: the cluster answers again once they are back
                return new Verification(runDatabase, "every replica, after starting again the " + nodesDown.size()
                        + " that were down (too few remained to answer)", false);
            }

            @Override
            public void restoreNodes() {
                List<Integer> toStart;
                synchronized (down) {
                    toStart = List.copyOf(down);
                    down.clear();
                }
                toStart.forEach(cluster::restartReplica);
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }

    /** The PostgreSQL nodes faults can act on: a single server, or a cluster. */
    interface PostgresNodes {
        PostgresNode node(String name);

        boolean primaryUp();

        /** With the primary down: the standby to check the invariants on. */
        PostgresEndpoint survivingStandby();

        List<PostgresNode> nodes();
    }

    /** A single server: it is the primary, and nothing survives it. */
    record SingleNode(PostgresNode primary) implements PostgresNodes {
        @Override
        public PostgresNode node(String name) {
            if (!name.equals(primary.name())) {
                throw new IllegalArgumentException("a single server has no node " + name);
            }
            return primary;
        }

        @Override
        public boolean primaryUp() {
            return primary.isUp();
        }

        @Override
        public PostgresEndpoint survivingStandby() {
            throw new IllegalStateException("a single server has no standby to check the invariants on");
        }

        @Override
        public List<PostgresNode> nodes() {
            return List.of(primary);
        }
    }

    private static LocalServers postgres(BenchmarkRunSpec spec, PostgresEndpoint endpoint, String location,
                                         Map<String, LongSupplier> serverPids, Runnable stop, PostgresNodes nodes) {
        return new LocalServers() {
            @Override
            public String location() {
                return location;
            }

            @Override
            public int nodePort() {
                return endpoint.port();
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
            public FaultTarget faultTarget() {
                if (nodes == null) {
                    throw new UnsupportedLocallyException("spec.faults", "faults act on servers the local runner"
                            + " starts; an existing PostgreSQL (--postgres-url) is not one");
                }
                return new FaultTarget() {
                    @Override
                    public String apply(FaultAction action, String node) {
                        PostgresNode target = nodes.node(node);
                        return action == FaultAction.KILL ? target.kill() : target.stop();
                    }

                    @Override
                    public String restart(String node) {
                        nodes.node(node).start();
                        return node + " started again on its data directory";
                    }
                };
            }

            @Override
            public Verification verificationAfterFaults(LedgerDatabase runDatabase) {
                if (nodes == null || nodes.primaryUp()) {
                    return new Verification(runDatabase, "the primary", false);
                }
                if (nodes instanceof SingleNode single) {
                    single.primary().start();
                    return new Verification(runDatabase, "the primary, started again after the run (crash recovery):"
                            + " no other node holds the data", false);
                }
                PostgresEndpoint standby = nodes.survivingStandby();
                return new Verification(new PostgresLedgerDatabase(standby, spec.database().postgresql()),
                        "the surviving standby holding the most WAL (port " + standby.port() + "): the primary"
                                + " is down", true);
            }

            @Override
            public void restoreNodes() {
                if (nodes != null) {
                    nodes.nodes().forEach(PostgresNode::start);
                }
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }
}
