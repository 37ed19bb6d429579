package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.driver.postgres.PostgresServerSettings;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database pods' configuration ConfigMap. PostgreSQL: postgresql.conf (durability and quorum
 * from the spec), pg_hba.conf and the start script (pod 0 initializes the primary; the others
 * clone it with pg_basebackup -R). TigerBeetle: the start script and the run whose data file is
 * current (a new run formats a new file: a freshly formatted cluster per run).
 */
public final class DatabaseConfig {

    public static final String MOUNT_PATH = "/etc/ledgerbench";
    public static final String DATA_PATH = "/data";
    public static final String POSTGRESQL_CONF = "postgresql.conf";
    public static final String PG_HBA_CONF = "pg_hba.conf";
    public static final String START_SCRIPT = "start.sh";
    public static final String FORMAT_SCRIPT = "format.sh";
    public static final String RUN_KEY = "run";
    public static final int TIGERBEETLE_PORT = 3000;

    private static final String PG_HBA = """
            # Every connection authenticates with the generated password; local socket for the pod's own probes.
            local       all          all                 trust
            host        all          all          all    scram-sha-256
            host        replication  all          all    scram-sha-256
            """;

    // Pod 0 is the primary; any other pod is a standby cloned from it and named by its pod name, which
    // synchronous_standby_names = 'ANY k (*)' counts. PGPASSWORD (from the Secret) authenticates the clone
    // and, inherited by the server, the standby's WAL receiver.
    private static final String POSTGRES_START = """
            #!/bin/bash
            set -euo pipefail
            ordinal="${HOSTNAME##*-}"
            if [ ! -s "$PGDATA/PG_VERSION" ]; then
              if [ "$ordinal" = "0" ]; then
                initdb --pgdata="$PGDATA" --username=postgres --auth=scram-sha-256 \\
                  --pwfile=<(printf '%%s\\n' "$PGPASSWORD")
              else
                until pg_basebackup --pgdata="$PGDATA" --write-recovery-conf --wal-method=stream --checkpoint=fast \\
                    --dbname="%s"; do
                  echo "waiting for the primary at $PRIMARY_HOST"
                  rm -rf "$PGDATA"
                  sleep 2
                done
              fi
            fi
            exec postgres -D "$PGDATA" -c config_file=%s/postgresql.conf -c hba_file=%s/pg_hba.conf
            """.formatted(PostgresServerSettings.standbyConnection("$PRIMARY_HOST", PostgresServerSettings.PORT,
            "postgres", "$HOSTNAME"), MOUNT_PATH, MOUNT_PATH);

    // The data file is per run: a new run formats a new file (a freshly formatted cluster per run) after
    // removing earlier runs' files. REPLICA_INDEX comes from the pod-index label.
    private static final String TIGERBEETLE_FORMAT = """
            #!/bin/sh
            set -eu
            file="%2$s/run-$(cat %1$s/run)_${REPLICA_INDEX}.tigerbeetle"
            if [ ! -f "$file" ]; then
              rm -f %2$s/run-*.tigerbeetle
              /tigerbeetle format --cluster="$CLUSTER_ID" --replica="$REPLICA_INDEX" --replica-count="$REPLICA_COUNT" "$file"
            fi
            """.formatted(MOUNT_PATH, DATA_PATH);

    // Production flags only: no --development, so direct I/O is part of what is measured. ADDRESSES are IP literals;
    // CACHE_GRID is sized from the pod's memory (TigerBeetleMemory), so the replica fits its limit.
    private static final String TIGERBEETLE_START = """
            #!/bin/sh
            set -eu
            exec /tigerbeetle start --addresses="$ADDRESSES" --cache-grid="$CACHE_GRID" \\
                "%2$s/run-$(cat %1$s/run)_${REPLICA_INDEX}.tigerbeetle"
            """.formatted(MOUNT_PATH, DATA_PATH);

    private DatabaseConfig() {
    }

    /** The configuration of the owner's engine for run {@code run} (PostgreSQL's is the same for every run). */
    public static ConfigMap forRun(BenchmarkRun owner, int run) {
        return owner.getSpec().database().engine() == EngineType.TIGERBEETLE ? tigerbeetle(owner, run) : postgres(owner);
    }

    /**
     * A short digest of the configuration's content. The pod template carries it, so a pod shows
     * which configuration it started with, and a changed configuration changes the template.
     */
    public static String hash(ConfigMap config) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(config.getData()).forEach((key, value) -> {
                digest.update(key.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(value.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static ConfigMap postgres(BenchmarkRun owner) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(POSTGRESQL_CONF, postgresqlConf(owner.getSpec()));
        data.put(PG_HBA_CONF, PG_HBA);
        data.put(START_SCRIPT, POSTGRES_START);
        return configMap(owner, data);
    }

    public static ConfigMap tigerbeetle(BenchmarkRun owner, int run) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(RUN_KEY, Integer.toString(run));
        data.put(FORMAT_SCRIPT, TIGERBEETLE_FORMAT);
        data.put(START_SCRIPT, TIGERBEETLE_START);
        return configMap(owner, data);
    }

    /** The server settings plus what a pod needs to listen and find its data. */
    static String postgresqlConf(BenchmarkRunSpec spec) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", "*");
        settings.put("port", Integer.toString(PostgresServerSettings.PORT));
        settings.putAll(PostgresServerSettings.of(spec));
        return PostgresServerSettings.renderConf(settings);
    }

    private static ConfigMap configMap(BenchmarkRun owner, Map<String, String> data) {
        String benchmark = owner.getMetadata().getName();
        return new ConfigMapBuilder()
                .withMetadata(Owners.metadata(owner, new ResourceNames(benchmark).databaseConfig(),
                        ClusterLabels.of(benchmark, ClusterLabels.DATABASE)))
                .withData(data)
                .build();
    }
}
