package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local 3-node PostgreSQL cluster does what SPEC section 5 relies on, with real processes: a
 * commit waits for k standbys, no fewer; with remote_apply, what is acknowledged is readable on a standby.
 */
class LocalPostgresClusterTest {

    /** Long enough that a commit which should be waiting would have returned if it were not. */
    private static final Duration BLOCKED = Duration.ofSeconds(3);

    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private LocalPostgresCluster cluster;

    @AfterEach
    void stop() {
        clients.shutdownNow();
        if (cluster != null) {
            cluster.close();
        }
    }

    private static BenchmarkRunSpec spec(int standbys, String synchronousCommit) throws Exception {
        return new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: cluster}
                spec:
                  database:
                    replicas: 3
                    postgresql: {synchronousStandbys: %d, synchronousCommit: "%s", poolSize: 4}
                """.formatted(standbys, synchronousCommit), "test").spec();
    }

    private static Connection connect(PostgresEndpoint endpoint) throws SQLException {
        return DriverManager.getConnection(endpoint.jdbcUrl("postgres"), "postgres", "");
    }

    private void createTable() throws SQLException {
        try (Connection primary = connect(cluster.primaryEndpoint()); Statement statement = primary.createStatement()) {
            statement.execute("CREATE TABLE committed (id int PRIMARY KEY)");
        }
    }

    /** An autocommitted insert on the primary: returns when the commit is acknowledged. */
    private CompletableFuture<Void> commit(int id) {
        return CompletableFuture.runAsync(() -> {
            try (Connection primary = connect(cluster.primaryEndpoint()); Statement statement = primary.createStatement()) {
                statement.execute("INSERT INTO committed VALUES (" + id + ")");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, clients);
    }

    private static void assertStillWaiting(CompletableFuture<Void> commit) {
        assertThatThrownBy(() -> commit.get(BLOCKED.toMillis(), TimeUnit.MILLISECONDS))
                .as("the commit must wait for its standby quorum").isInstanceOf(TimeoutException.class);
    }

    @Test
    void withOneSynchronousStandbyACommitSurvivesLosingEitherStandby() throws Exception {
        cluster = LocalPostgresCluster.start(spec(1, "on"));
        createTable();
        cluster.stopStandby(0);
        assertThat(commit(1)).as("commit with standby-1 down").succeedsWithin(Duration.ofSeconds(30));
        cluster.startStandby(0);
        cluster.awaitStreaming(2);
        cluster.stopStandby(1);
        assertThat(commit(2)).as("commit with standby-2 down").succeedsWithin(Duration.ofSeconds(30));
    }

    @Test
    void withOneSynchronousStandbyACommitWaitsWhileBothAreDownAndReturnsWhenOneIsBack() throws Exception {
        cluster = LocalPostgresCluster.start(spec(1, "on"));
        createTable();
        cluster.stopStandby(0);
        cluster.stopStandby(1);
        CompletableFuture<Void> commit = commit(1);
        assertStillWaiting(commit);
        cluster.startStandby(1);
        await().atMost(Duration.ofSeconds(60)).until(commit::isDone);
        commit.get();
    }

    @Test
    void withTwoSynchronousStandbysACommitWaitsWhileOneIsDown() throws Exception {
        cluster = LocalPostgresCluster.start(spec(2, "on"));
        createTable();
        cluster.stopStandby(0);
        CompletableFuture<Void> commit = commit(1);
        assertStillWaiting(commit);
        cluster.startStandby(0);
        await().atMost(Duration.ofSeconds(60)).until(commit::isDone);
        commit.get();
    }

    @Test
    void withRemoteApplyAnAcknowledgedCommitIsReadableOnTheStandbysAtOnce() throws Exception {
        cluster = LocalPostgresCluster.start(spec(2, "remote_apply"));
        createTable();
        for (int id = 1; id <= 20; id++) {
            commit(id).get(30, TimeUnit.SECONDS);
            for (int standby = 0; standby < cluster.standbyCount(); standby++) {
                try (Connection replica = connect(cluster.standbyEndpoint(standby));
                     Statement statement = replica.createStatement();
                     ResultSet row = statement.executeQuery("SELECT count(*) FROM committed WHERE id = " + id)) {
                    row.next();
                    assertThat(row.getInt(1)).as("transfer %d on standby %d", id, standby).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void standbysAreReadOnlyAndNamedForTheQuorum() throws Exception {
        cluster = LocalPostgresCluster.start(spec(1, "on"));
        try (Connection primary = connect(cluster.primaryEndpoint()); Statement statement = primary.createStatement();
             ResultSet standbys = statement.executeQuery(
                     "SELECT application_name, sync_state FROM pg_stat_replication ORDER BY application_name")) {
            assertThat(standbys.next()).isTrue();
            assertThat(standbys.getString(1)).isEqualTo("standby-1");
            assertThat(standbys.getString(2)).isEqualTo("quorum");
            assertThat(standbys.next()).isTrue();
            assertThat(standbys.getString(1)).isEqualTo("standby-2");
        }
        try (Connection replica = connect(cluster.standbyEndpoint(0)); Statement statement = replica.createStatement();
             ResultSet recovery = statement.executeQuery("SELECT pg_is_in_recovery()")) {
            recovery.next();
            assertThat(recovery.getBoolean(1)).isTrue();
        }
    }
}
