package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void postgresConfigHoldsTheQuorumAndCommitLevelOfTheSpec() {
        String conf = DatabaseConfig.postgres(Benchmarks.postgres()).getData().get(DatabaseConfig.POSTGRESQL_CONF);
        assertThat(conf).contains("synchronous_standby_names = 'ANY 1 (*)'")
                .contains("synchronous_commit = 'remote_apply'")
                .contains("fsync = 'on'")
                .contains("listen_addresses = '*'");
    }

    @Test
    void passThroughParametersReachTheServer() {
        String conf = DatabaseConfig.postgres(Benchmarks.postgres()).getData().get(DatabaseConfig.POSTGRESQL_CONF);
        assertThat(conf).contains("shared_buffers = '6GB'").contains("max_wal_size = '8GB'");
    }

    @Test
    void standbysAreClonedFromThePrimaryUnderTheirPodName() {
        String script = DatabaseConfig.postgres(Benchmarks.postgres()).getData().get(DatabaseConfig.START_SCRIPT);
        assertThat(script).contains("pg_basebackup").contains("--write-recovery-conf")
                .contains("application_name=$HOSTNAME").contains("initdb");
    }

    @Test
    void everyNetworkConnectionAuthenticatesWithScram() {
        ConfigMap config = DatabaseConfig.postgres(Benchmarks.postgres());
        List<String[]> hostRules = config.getData().get(DatabaseConfig.PG_HBA_CONF).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields[0].startsWith("host"))
                .toList();
        assertThat(hostRules).extracting(fields -> fields[1]).containsExactlyInAnyOrder("all", "replication");
        assertThat(hostRules).allSatisfy(fields -> assertThat(fields[fields.length - 1]).isEqualTo("scram-sha-256"));
        ValidKubernetesObjects.assertValidOwnedObject(config);
    }

    @Test
    void tigerbeetleFormatsAFreshDataFilePerRun() {
        ConfigMap config = DatabaseConfig.tigerbeetle(Benchmarks.tigerbeetle(), 2);
        assertThat(config.getData()).containsEntry(DatabaseConfig.RUN_KEY, "2");
        assertThat(config.getData().get(DatabaseConfig.FORMAT_SCRIPT))
                .contains("/tigerbeetle format --cluster=\"$CLUSTER_ID\"").contains("if [ ! -f \"$file\" ]");
        assertThat(config.getData().get(DatabaseConfig.START_SCRIPT)).contains("/tigerbeetle start --addresses=\"$ADDRESSES\"");
    }

    @Test
    void tigerbeetleStartsWithProductionFlagsOnly() {
        // --development would turn direct I/O off, and direct I/O is part of what is measured.
        ConfigMap config = DatabaseConfig.tigerbeetle(Benchmarks.tigerbeetle(), 1);
        assertThat(config.getData().values()).noneMatch(script -> script.contains("--development"));
        assertThat(config.getData().get(DatabaseConfig.START_SCRIPT)).containsOnlyOnce("/tigerbeetle start ");
    }

    @Test
    void theConfigHashChangesWithTheTigerBeetleRunAndNotOtherwise() {
        String first = DatabaseConfig.hash(DatabaseConfig.tigerbeetle(Benchmarks.tigerbeetle(), 1));
        assertThat(DatabaseConfig.hash(DatabaseConfig.tigerbeetle(Benchmarks.tigerbeetle(), 1))).isEqualTo(first);
        assertThat(DatabaseConfig.hash(DatabaseConfig.tigerbeetle(Benchmarks.tigerbeetle(), 2))).isNotEqualTo(first)
                .matches("[0-9a-f]{16}");
    }

    @Test
    void postgresKeepsOneConfigurationForEveryRun() {
        assertThat(DatabaseConfig.forRun(Benchmarks.postgres(), 3)).isEqualTo(DatabaseConfig.forRun(Benchmarks.postgres(), 1));
        assertThat(DatabaseConfig.forRun(Benchmarks.tigerbeetle(), 3).getData()).containsEntry(DatabaseConfig.RUN_KEY, "3");
    }
}
