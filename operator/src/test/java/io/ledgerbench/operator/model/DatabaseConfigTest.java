package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
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
        assertThat(conf).contains("shared_buffers = '16GB'").contains("max_wal_size = '16GB'");
    }

    @Test
    void standbysAreClonedFromThePrimaryUnderTheirPodName() {
        String script = DatabaseConfig.postgres(Benchmarks.postgres()).getData().get(DatabaseConfig.START_SCRIPT);
        assertThat(script).contains("pg_basebackup").contains("--write-recovery-conf")
                .contains("application_name=$HOSTNAME").contains("initdb");
    }

    @Test
    void everyConnectionAuthenticates() {
        ConfigMap config = DatabaseConfig.postgres(Benchmarks.postgres());
        assertThat(config.getData().get(DatabaseConfig.PG_HBA_CONF)).contains("host        all          all          all    scram-sha-256")
                .doesNotContain("host        all          all          all    trust");
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
}
