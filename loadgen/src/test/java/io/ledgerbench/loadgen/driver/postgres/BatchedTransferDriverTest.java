package io.ledgerbench.loadgen.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.RecordingDriverListener;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.driver.postgres.ClosedLoopTransfers.Outcomes;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension.PostgresServer;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.workload.Transfer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batched mode's coalescer and its array-taking function on a real server. */
@ExtendWith(EmbeddedPostgresExtension.class)
class BatchedTransferDriverTest {

    private static BenchmarkRunSpec spec(String isolation, int accounts, int poolSize, int batchSize, String linger)
            throws Exception {
        return new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: batched}
                spec:
                  database:
                    replicas: 1
                    postgresql: {mode: batched, isolationLevel: %s, poolSize: %d, batchSize: %d, batchLinger: %s}
                  workload:
                    accounts: %d
                    distribution: {type: uniform}
                    initialBalance: 1000
                    amount: {min: 1, max: 100}
                    seed: 9
                """.formatted(isolation, poolSize, batchSize, linger, accounts), "test").spec();
    }

    /**
     * A freshly reset ledger, a batched driver on it that reports to listener, and a second session
     * (the blocker) that can hold a row lock so the driver's batches wait where the test wants them.
     */
    private static final class Fixture implements AutoCloseable {
        final String database;
        final PostgresLedgerDatabase ledger;
        final RecordingDriverListener listener = new RecordingDriverListener();
        final TransferDriver driver;
        final Connection blocker;

        Fixture(PostgresServer postgres, String database, BenchmarkRunSpec spec) throws SQLException {
            this.database = database;
            this.ledger = new PostgresLedgerDatabase(postgres.endpoint(database), spec.database().postgresql());
            ledger.reset(spec.workload());
            this.blocker = postgres.connect(database);
            blocker.setAutoCommit(false);
            this.driver = ledger.openDriver(listener);
        }

        /** Runs a statement in the blocker's open transaction (e.g. one that locks a row). */
        void hold(String sql) throws SQLException {
            blocker.createStatement().execute(sql);
        }

        /** Ends the blocker's transaction, releasing what it held. */
        void release() throws SQLException {
            blocker.commit();
        }

        /** Waits until this many of the driver's statements wait for a row lock. */
        void awaitStatementsWaitingForALock(int statements) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (PreparedStatement query = blocker.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = ? AND application_name = ? AND wait_event_type = 'Lock'")) {
                    query.setString(1, database);
                    query.setString(2, PostgresLedgerDatabase.LOADGEN_APPLICATION_NAME);
                    try (ResultSet row = query.executeQuery()) {
                        row.next();
                        return row.getInt(1) == statements;
                    }
                }
            });
        }

        /** The blocker goes first: whatever it still holds would keep the driver's batches, and its close, waiting. */
        @Override
        public void close() throws SQLException {
            blocker.close();
            driver.close();
            ledger.close();
        }
    }

    private static List<TransferResult> joinAll(List<CompletableFuture<TransferResult>> answers) {
        return answers.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void fourConnectionsOnThreeHotAccountsNeverDeadlockOrFail(PostgresServer postgres) throws Exception {
        // Batches of 50 from 400 clients: full batches, so four of them are in flight at once on the same rows.
        BenchmarkRunSpec spec = spec("read_committed", 3, 4, 50, "0ms");
        try (Fixture batched = new Fixture(postgres, "batched_hot", spec)) {
            Outcomes outcomes = ClosedLoopTransfers.run(batched.driver, PostgresModesTest.clients(spec, 400), 15);
            assertThat(outcomes.failed()).as(outcomes.failuresByReason().toString()).isZero();
            assertThat(batched.listener.retries()).as("no deadlock, no retry").isEmpty();
            assertThat(outcomes.completed()).isPositive();
            assertThat(batched.listener.batchSizes()).filteredOn(size -> size == 50).hasSizeGreaterThan(4);
            assertThat(batched.listener.batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400 * 15);
            InvariantReport invariants = batched.ledger.verify(spec.workload(), outcomes.completed(), 0);
            assertThat(invariants.ok()).as(invariants.violations().toString()).isTrue();
        }
    }

    @Test
    void transfersArrivingWhileTheConnectionIsBusyLeaveTogetherInTheNextBatch(PostgresServer postgres)
            throws Exception {
        try (Fixture batched = new Fixture(postgres, "batched_coalesce", spec("read_committed", 10, 1, 1000, "0ms"))) {
            batched.hold("SELECT 1 FROM accounts WHERE id = 1 FOR UPDATE");
            List<CompletableFuture<TransferResult>> answers = new ArrayList<>();
            answers.add(batched.driver.execute(new Transfer(1, 2, 5)));
            batched.awaitStatementsWaitingForALock(1);
            for (int i = 0; i < 99; i++) {
                answers.add(batched.driver.execute(new Transfer(3 + i % 7, 2, 1)));
            }
            batched.release();
            assertThat(joinAll(answers)).allMatch(result -> result.outcome() == TransferOutcome.COMPLETED);
            assertThat(batched.listener.batchSizes()).containsExactly(1, 99);
        }
    }

    @Test
    void transfersSentWhileABatchIsAnsweredLeaveTogetherEvenWithAFreeConnection(PostgresServer postgres)
            throws Exception {
        try (Fixture batched = new Fixture(postgres, "batched_handout", spec("read_committed", 20, 2, 1000, "0ms"))) {
            batched.hold("SELECT 1 FROM accounts WHERE id = 1 FOR UPDATE");
            List<CompletableFuture<TransferResult>> next = new ArrayList<>();
            CompletableFuture<TransferResult> first = batched.driver.execute(new Transfer(1, 2, 5));
            // Ten clients waiting on the first answer send their next transfer from its completion, as
            // closed-loop clients do; the pool's second connection is free all along.
            CompletableFuture<Void> sentNext = first.thenRun(() -> {
                for (int i = 0; i < 10; i++) {
                    next.add(batched.driver.execute(new Transfer(3 + i, 13 + i % 5, 1)));
                }
            });
            batched.awaitStatementsWaitingForALock(1);
            batched.release();
            sentNext.join();
            assertThat(joinAll(next)).allMatch(result -> result.outcome() == TransferOutcome.COMPLETED);
            assertThat(batched.listener.batchSizes()).containsExactly(1, 10);
        }
    }

    @Test
    void fullBatchesLeaveTogetherOnEveryFreeConnection(PostgresServer postgres) throws Exception {
        BenchmarkRunSpec spec = spec("read_committed", 10, 2, 50, "1s");
        try (Fixture batched = new Fixture(postgres, "batched_full", spec)) {
            batched.hold("SELECT 1 FROM accounts WHERE id = 1 FOR UPDATE");
            List<CompletableFuture<TransferResult>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(batched.driver.execute(new Transfer(1, 2 + i % 9, 1)));
            }
            batched.awaitStatementsWaitingForALock(2);
            batched.release();
            assertThat(joinAll(answers)).allMatch(result -> result.outcome() == TransferOutcome.COMPLETED);
            assertThat(batched.listener.batchSizes()).containsExactly(50, 50);
            assertThat(batched.ledger.verify(spec.workload(), 100, 0).ok()).isTrue();
        }
    }

    @Test
    void aPartialBatchWaitsTheLingerForMoreTransfers(PostgresServer postgres) throws Exception {
        try (Fixture batched = new Fixture(postgres, "batched_linger", spec("read_committed", 10, 1, 50, "1s"))) {
            List<CompletableFuture<TransferResult>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(batched.driver.execute(new Transfer(1 + i % 5, 6 + i % 5, 1)));
            }
            assertThat(joinAll(answers)).allMatch(result -> result.outcome() == TransferOutcome.COMPLETED);
            // Without the linger the first transfer would have left alone on the idle connection.
            assertThat(batched.listener.batchSizes()).containsExactly(20);
        }
    }

    @Test
    void aConflictRetriesTheWholeBatchWithoutApplyingItTwice(PostgresServer postgres) throws Exception {
        BenchmarkRunSpec spec = spec("repeatable_read", 10, 1, 10, "1s");
        try (Fixture batched = new Fixture(postgres, "batched_retry", spec)) {
            batched.hold("UPDATE accounts SET balance = balance WHERE id = 1");
            List<CompletableFuture<TransferResult>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(batched.driver.execute(new Transfer(1, 2 + i % 9, 10)));
            }
            batched.awaitStatementsWaitingForALock(1);
            // The batch's snapshot predates this commit: at repeatable read its lock on account 1 fails with
            // a serialization failure, the server rolls the whole batch back, and the driver sends it again.
            batched.release();
            assertThat(joinAll(answers)).allMatch(result -> result.outcome() == TransferOutcome.COMPLETED);
            assertThat(batched.listener.retries()).isEqualTo(Map.of("serialization_failure", 10L));
            assertThat(batched.listener.batchSizes()).containsExactly(10, 10);
            assertThat(PostgresModesTest.balances(postgres, batched.database)).containsEntry(1L, 900L);
            InvariantReport invariants = batched.ledger.verify(spec.workload(), 10, 0);
            assertThat(invariants.ok()).as(invariants.violations().toString()).isTrue();
        }
    }
}
