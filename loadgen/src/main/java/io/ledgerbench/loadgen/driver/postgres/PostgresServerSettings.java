package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.PostgresqlSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server settings a BenchmarkRun asks of PostgreSQL (SPEC sections 4 and 5): durability on,
 * the spec's commit level and synchronous quorum, room for every pool, pass-through parameters
 * last. One definition for the embedded server, the local cluster and the StatefulSet.
 */
public final class PostgresServerSettings {

    /** Port of every PostgreSQL the benchmark starts. */
    public static final int PORT = 5432;

    private PostgresServerSettings() {
    }

    /** Settings of a lone server (the embedded one): no standby to wait for, whatever the spec's replica count. */
    public static Map<String, String> singleNode(BenchmarkRunSpec spec) {
        return settings(spec, 1);
    }

    /** Settings of a node of the spec's cluster: with more than one replica, the primary's quorum and WAL senders. */
    public static Map<String, String> of(BenchmarkRunSpec spec) {
        return settings(spec, spec.database().replicas());
    }

    private static Map<String, String> settings(BenchmarkRunSpec spec, int replicas) {
        PostgresqlSpec postgresql = spec.database().postgresql();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("full_page_writes", "on");
        settings.put("synchronous_commit", postgresql.synchronousCommit().specValue());
        int connections = postgresql.poolSize() * spec.loadgen().parallelism() + 20;
        settings.put("max_connections", Integer.toString(Math.max(100, connections)));
        if (replicas > 1) {
            settings.put("wal_level", "replica");
            settings.put("max_wal_senders", Integer.toString(replicas + 4));
            settings.put("hot_standby", "on");
            settings.put("synchronous_standby_names", synchronousStandbyNames(postgresql.synchronousStandbys()));
        }
        settings.putAll(postgresql.parameters());
        return settings;
    }

    /** Quorum commit over any standby: 'ANY k (*)', or empty (asynchronous) for k = 0. */
    public static String synchronousStandbyNames(int synchronousStandbys) {
        return synchronousStandbys == 0 ? "" : "ANY " + synchronousStandbys + " (*)";
    }

    /**
     * How a standby reaches its primary (primary_conninfo, as pg_basebackup -R writes it): its
     * application_name is what the primary's synchronous quorum counts. Shell variables work as
     * host or name, for the StatefulSet's start script.
     */
    public static String standbyConnection(String primaryHost, int primaryPort, String user, String applicationName) {
        return "host=" + primaryHost + " port=" + primaryPort + " user=" + user + " application_name=" + applicationName;
    }

    /** The settings as postgresql.conf lines, every value single-quoted. */
    public static String renderConf(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(setting -> setting.getKey() + " = '" + setting.getValue().replace("'", "''") + "'")
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
