package io.ledgerbench.loadgen.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.DatabaseSpec;
import io.ledgerbench.loadgen.spec.LoadgenSpec;
import io.ledgerbench.loadgen.spec.PostgresqlSpec;
import io.ledgerbench.loadgen.spec.SynchronousCommit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresServerSettingsTest {

    private static BenchmarkRunSpec spec(int replicas, int standbys, SynchronousCommit commit, Map<String, String> parameters) {
        PostgresqlSpec postgresql = new PostgresqlSpec(commit, standbys, null, null, null, null, 30, null, parameters);
        DatabaseSpec database = new DatabaseSpec(null, replicas, null, null, null, null, postgresql, null);
        return new BenchmarkRunSpec(database, null, new LoadgenSpec(4, null, null, null), null, null, null, null, null);
    }

    @Test
    void aThreeNodeClusterWaitsForAQuorumOfAnyStandbys() {
        Map<String, String> settings = PostgresServerSettings.of(spec(3, 1, SynchronousCommit.REMOTE_APPLY, Map.of()));
        assertThat(settings).containsEntry("synchronous_standby_names", "ANY 1 (*)")
                .containsEntry("synchronous_commit", "remote_apply")
                .containsEntry("fsync", "on")
                .containsEntry("wal_level", "replica")
                .containsEntry("hot_standby", "on");
    }

    @Test
    void waitingForBothStandbysIsAny2() {
        assertThat(PostgresServerSettings.of(spec(3, 2, SynchronousCommit.ON, Map.of())))
                .containsEntry("synchronous_standby_names", "ANY 2 (*)");
    }

    @Test
    void noSynchronousStandbyLeavesTheListEmpty() {
        assertThat(PostgresServerSettings.of(spec(3, 0, SynchronousCommit.ON, Map.of())))
                .containsEntry("synchronous_standby_names", "");
    }

    @Test
    void aSingleNodeHasNoReplicationSettings() {
        assertThat(PostgresServerSettings.of(spec(1, 1, SynchronousCommit.ON, Map.of())))
                .doesNotContainKeys("synchronous_standby_names", "wal_level", "max_wal_senders");
    }

    @Test
    void aLoneServerNeverWaitsForStandbysEvenWhenTheSpecHasReplicas() {
        assertThat(PostgresServerSettings.singleNode(spec(3, 1, SynchronousCommit.ON, Map.of())))
                .doesNotContainKeys("synchronous_standby_names", "wal_level");
    }

    @Test
    void connectionsCoverEveryPodsPool() {
        assertThat(PostgresServerSettings.of(spec(1, 1, SynchronousCommit.ON, Map.of())))
                .containsEntry("max_connections", "140");
    }

    @Test
    void passThroughParametersComeLastAndAreKept() {
        Map<String, String> settings = PostgresServerSettings.of(spec(3, 1, SynchronousCommit.ON,
                Map.of("shared_buffers", "8GB")));
        assertThat(settings).containsEntry("shared_buffers", "8GB");
        assertThat(settings.keySet()).last().isEqualTo("shared_buffers");
    }

    @Test
    void confQuotesEveryValue() {
        assertThat(PostgresServerSettings.renderConf(Map.of("synchronous_standby_names", "ANY 1 (*)")))
                .isEqualTo("synchronous_standby_names = 'ANY 1 (*)'\n");
        assertThat(PostgresServerSettings.renderConf(Map.of("application_name", "it's")))
                .isEqualTo("application_name = 'it''s'\n");
    }
}
