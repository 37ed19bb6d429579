package io.ledgerbench.loadgen.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.driver.postgres.ClosedLoopTransfers.Outcomes;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension.PostgresServer;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.workload.Transfer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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

    /** Waits until this many of the load generator's statements wait for a row lock in the database. */
    private static void awaitStatementsWaitingForALock(Connection observer, String database, int statements) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Statement statement = observer.createStatement();
                 ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                         + database + "' AND application_name = 'ledgerbench-loadgen' AND wait_event_type = 'Lock'")) {
                row.next();
                return row.getInt(1) == statements;
            }
        });
    }

    private static List<TransferResult> joinAll(List<CompletableFuture<TransferResult>> answers) {
        return answers.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void fourConnectionsOnThreeHotAccountsNeverDeadlockOrFail(PostgresServer postgres) throws Exception {
        BenchmarkRunSpec spec = spec("read_committed", 3, 4, 1000, "0ms");
        RecordingDriverListener listener = new RecordingDriverListener();
        try (PostgresLedgerDatabase ledger = new PostgresLedgerDatabase(postgres.endpoint("batched_hot"),
                spec.database().postgresql())) {
            ledger.reset(spec.workload());
            Outcomes outcomes;
            try (TransferDriver driver = ledger.openDriver(listener)) {
                outcomes = ClosedLoopTransfers.run(driver, PostgresModesTest.clients(spec, 400), 15);
            }
            assertThat(outcomes.failed()).as(outcomes.failuresByReason().toString()).isZero();
            assertThat(listener.retries()).as("no deadlock, no retry").isEmpty();
            assertThat(outcomes.completed()).isPositive();
            assertThat(listener.batchSizes()).anyMatch(size -> size > 1);
            assertThat(listener.batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(400 * 15);
            InvariantReport invariants = ledger.verify(spec.workload(), outcomes.completed());
            assertThat(invariants.ok()).as(invariants.violations().toString()).isTrue();
        }
    }

    @Test
    void transfersArrivingWhileTheConnectionIsBusyLeaveTogetherInTheNextBatch(PostgresServer postgres)
            throws Exception {
        BenchmarkRunSpec spec = spec("read_committed", 10, 1, 1000, "0ms");
        String database = "batched_coalesce";
        RecordingDriverListener listener = new RecordingDriverListener();
        try (PostgresLedgerDatabase ledger = new PostgresLedgerDatabase(postgres.endpoint(database),
                spec.database().postgresql())) {
            ledger.reset(spec.workload());
            try (Connection blocker = postgres.connect(database);
                 TransferDriver driver = ledger.openDriver(listener)) {
                blocker.setAutoCommit(false);
                blocker.createStatement().execute("SELECT 1 FROM accounts WHERE id = 1 FOR UPDATE");
                List<CompletableFuture<TransferResult>> answers = new ArrayList<>();
                answers.add(driver.execute(new Transfer(1, 2, 5)));
                awaitStatementsWaitingForALock(blocker, database, 1);
                for (int i = 0; i < 99; i++) {
                    answers.add(driver.execute(new Transfer(3 + i % 7, 2, 1)));
                }
                blocker.commit();
                assertThat(joinAll(answers)).allMatch(result -> result.outcome() == TransferOutcome.COMPLETED);
            }
        }
        assertThat(listener.batchSizes()).containsExactly(1, 99);
    }

    @Test
    void transfersSentWhileABatchIsAnsweredLeaveTogetherEvenWithAFreeConnection(PostgresServer postgres)
            throws Exception {
        BenchmarkRunSpec spec = spec("read_committed", 20, 2, 1000, "0ms");
        String database = "batched_handout";
        RecordingDriverListener listener = new RecordingDriverListener();
        try (PostgresLedgerDatabase ledger = new PostgresLedgerDatabase(postgres.endpoint(database),
                spec.database().postgresql())) {
            ledger.reset(spec.workload());
            try (Connection blocker = postgres.connect(database);
                 TransferDriver driver = ledger.openDriver(listener)) {
                blocker.setAutoCommit(false);
                blocker.createStatement().execute("SELECT 1 FROM accounts WHERE id = 1 FOR UPDATE");
                List<CompletableFuture<TransferResult>> next = new ArrayList<>();
                CompletableFuture<TransferResult> first = driver.execute(new Transfer(1, 2, 5));
                // Ten clients waiting on the first answer send their next transfer from its completion, as
                // closed-loop clients do; the pool's second connection is free all along.
                CompletableFuture<Void> sentNext = first.thenRun(() -> {
                    for (int i = 0; i < 10; i++) {
                        next.add(driver.execute(new Transfer(3 + i, 13 + i % 5, 1)));
                    }
                });
                awaitStatementsWaitingForALock(blocker, database, 1);
                blocker.commit();
                sentNext.join();
                assertThat(joinAll(next)).allMatch(result -> result.outcome() == TransferOutcome.COMPLETED);
            }
        }
        assertThat(listener.batchSizes()).containsExactly(1, 10);
    }

    @Test
    void fullBatchesLeaveAtOnceAndTheRestAfterTheLinger(PostgresServer postgres) throws Exception {
        BenchmarkRunSpec spec = spec("read_committed", 10, 2, 50, "1s");
        RecordingDriverListener listener = new RecordingDriverListener();
        try (PostgresLedgerDatabase ledger = new PostgresLedgerDatabase(postgres.endpoint("batched_linger"),
                spec.database().postgresql())) {
            ledger.reset(spec.workload());
            try (TransferDriver driver = ledger.openDriver(listener)) {
                List<CompletableFuture<TransferResult>> answers = new ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    answers.add(driver.execute(new Transfer(1 + i % 5, 6 + i % 5, 1)));
                }
                assertThat(joinAll(answers)).allMatch(result -> result.outcome() == TransferOutcome.COMPLETED);
            }
            assertThat(ledger.verify(spec.workload(), 120).ok()).isTrue();
        }
        assertThat(listener.batchSizes()).containsExactly(50, 50, 20);
    }

    @Test
    void aConflictRetriesTheWholeBatchWithoutApplyingItTwice(PostgresServer postgres) throws Exception {
        BenchmarkRunSpec spec = spec("repeatable_read", 10, 1, 10, "1s");
        String database = "batched_retry";
        RecordingDriverListener listener = new RecordingDriverListener();
        try (PostgresLedgerDatabase ledger = new PostgresLedgerDatabase(postgres.endpoint(database),
                spec.database().postgresql())) {
            ledger.reset(spec.workload());
            try (Connection writer = postgres.connect(database);
                 TransferDriver driver = ledger.openDriver(listener)) {
                writer.setAutoCommit(false);
                writer.createStatement().execute("UPDATE accounts SET balance = balance WHERE id = 1");
                List<CompletableFuture<TransferResult>> answers = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    answers.add(driver.execute(new Transfer(1, 2 + i % 9, 10)));
                }
                awaitStatementsWaitingForALock(writer, database, 1);
                // The batch's snapshot predates this commit: at repeatable read its lock on account 1 fails with
                // a serialization failure, the server rolls the whole batch back, and the driver sends it again.
                writer.commit();
                assertThat(joinAll(answers)).allMatch(result -> result.outcome() == TransferOutcome.COMPLETED);
            }
            assertThat(listener.retries()).isEqualTo(Map.of("serialization_failure", 10L));
            assertThat(listener.batchSizes()).containsExactly(10, 10);
            assertThat(PostgresModesTest.balances(postgres, database)).containsEntry(1L, 900L);
            InvariantReport invariants = ledger.verify(spec.workload(), 10);
            assertThat(invariants.ok()).as(invariants.violations().toString()).isTrue();
        }
    }
}
