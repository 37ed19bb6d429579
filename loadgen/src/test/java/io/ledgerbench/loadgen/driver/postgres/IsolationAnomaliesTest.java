package io.ledgerbench.loadgen.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension.PostgresServer;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The claims of docs/isolation-levels.md, each shown by two sessions interleaved step by step on a
 * real PostgreSQL: which anomalies each isolation level allows for this workload, what the unsafe
 * variants (no lock) break, and what FOR UPDATE and the conditional UPDATE prevent. Four accounts
 * start with 100 each, so the money in the ledger is 400.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class IsolationAnomaliesTest {

    private static final String DATABASE = "isolation_anomalies";
    private static final String SERIALIZATION_FAILURE = "40001";

    private PostgresServer postgres;
    private final ExecutorService blockedSession = Executors.newSingleThreadExecutor();

    @BeforeEach
    void freshLedger(PostgresServer postgres) throws Exception {
        this.postgres = postgres;
        BenchmarkRunSpec spec = new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: isolation}
                spec:
                  workload: {accounts: 4, initialBalance: 100}
                """, "test").spec();
        try (PostgresLedgerDatabase ledger = new PostgresLedgerDatabase(postgres.endpoint(DATABASE),
                spec.database().postgresql())) {
            ledger.reset(spec.workload());
        }
    }

    @AfterEach
    void stopBlockedSession() {
        blockedSession.shutdownNow();
    }

    /** One client session; every statement runs inside its current transaction at the given level. */
    private final class Session implements AutoCloseable {
        private final Connection connection;

        Session(int isolationLevel) throws SQLException {
            connection = postgres.connect(DATABASE);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(isolationLevel);
        }

        long query(String sql, long... arguments) throws SQLException {
            try (PreparedStatement statement = prepared(sql, arguments); ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }

        long balance(long account) throws SQLException {
            return query("SELECT balance FROM accounts WHERE id = ?", account);
        }

        int update(String sql, long... arguments) throws SQLException {
            try (PreparedStatement statement = prepared(sql, arguments)) {
                return statement.executeUpdate();
            }
        }

        private PreparedStatement prepared(String sql, long... arguments) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < arguments.length; i++) {
                statement.setLong(i + 1, arguments[i]);
            }
            return statement;
        }

        void commit() throws SQLException {
            connection.commit();
        }

        void rollback() throws SQLException {
            connection.rollback();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private Session readCommitted() throws SQLException {
        return new Session(Connection.TRANSACTION_READ_COMMITTED);
    }

    private Session repeatableRead() throws SQLException {
        return new Session(Connection.TRANSACTION_REPEATABLE_READ);
    }

    private Session serializable() throws SQLException {
        return new Session(Connection.TRANSACTION_SERIALIZABLE);
    }

    private long money() throws SQLException {
        try (Session observer = readCommitted()) {
            return observer.query("SELECT sum(balance) FROM accounts");
        }
    }

    private long balance(long account) throws SQLException {
        try (Session observer = readCommitted()) {
            return observer.balance(account);
        }
    }

    /** Runs a statement that is expected to wait for a row lock, and returns once it does wait. */
    private <T> CompletableFuture<T> startBlocked(SqlCall<T> call) throws Exception {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
            try {
                return call.run();
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, blockedSession);
        try (Session observer = readCommitted()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> observer.query("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'") == 1);
        }
        return result;
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException;
    }

    /** The unsafe transfer's read phase: both balances, no lock. */
    private static long[] readWithoutLock(Session session, long debit, long credit) throws SQLException {
        return new long[] {session.balance(debit), session.balance(credit)};
    }

    /** The unsafe transfer's write phase: the balances computed from what was read, written back as values. */
    private static void writeBack(Session session, long[] read, long debit, long credit, long amount)
            throws SQLException {
        session.update("UPDATE accounts SET balance = ? WHERE id = ?", read[0] - amount, debit);
        session.update("UPDATE accounts SET balance = ? WHERE id = ?", read[1] + amount, credit);
    }

    /** A step of a session that is still to run. */
    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }

    private static void assertSerializationFailure(SqlStep statement) {
        assertThatThrownBy(statement::run).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo(SERIALIZATION_FAILURE));
    }

    /** Reads account 1 in a, lets another session change it and commit, and returns what a reads next. */
    private long rereadAfterConcurrentUpdate(Session a) throws SQLException {
        assertThat(a.balance(1)).isEqualTo(100);
        try (Session b = readCommitted()) {
            b.update("UPDATE accounts SET balance = 50 WHERE id = 1");
            b.commit();
        }
        return a.balance(1);
    }

    /** Counts transfers in a, lets another session record one and commit, and returns what a counts next. */
    private long recountAfterConcurrentInsert(Session a) throws SQLException {
        assertThat(a.query("SELECT count(*) FROM transfers")).isZero();
        try (Session b = readCommitted()) {
            b.update("INSERT INTO transfers (debit, credit, amount) VALUES (1, 2, 10)");
            b.commit();
        }
        return a.query("SELECT count(*) FROM transfers");
    }

    /**
     * Two unsafe transfers out of account 1 interleaved: both read, then a writes back and commits.
     * Returns b's write-back, still to run, whose fate depends on the isolation level.
     */
    private static SqlStep unsafeTransfersOutOfAccountOne(Session a, Session b) throws SQLException {
        long[] readByA = readWithoutLock(a, 1, 2);
        long[] readByB = readWithoutLock(b, 1, 3);
        writeBack(a, readByA, 1, 2, 30);
        a.commit();
        return () -> writeBack(b, readByB, 1, 3, 50);
    }

    // --- dirty reads ---

    @Test
    void noDirtyReadEvenAtReadCommitted() throws Exception {
        try (Session a = readCommitted(); Session b = readCommitted()) {
            a.update("UPDATE accounts SET balance = 0 WHERE id = 1");
            assertThat(b.balance(1)).isEqualTo(100);
            a.rollback();
        }
    }

    // --- non-repeatable reads ---

    @Test
    void nonRepeatableReadAtReadCommitted() throws Exception {
        try (Session a = readCommitted()) {
            assertThat(rereadAfterConcurrentUpdate(a)).isEqualTo(50);
        }
    }

    @Test
    void noNonRepeatableReadAtRepeatableRead() throws Exception {
        try (Session a = repeatableRead()) {
            assertThat(rereadAfterConcurrentUpdate(a)).isEqualTo(100);
        }
    }

    // --- phantoms ---

    @Test
    void phantomAtReadCommitted() throws Exception {
        try (Session a = readCommitted()) {
            assertThat(recountAfterConcurrentInsert(a)).isEqualTo(1);
        }
    }

    @Test
    void noPhantomAtRepeatableRead() throws Exception {
        try (Session a = repeatableRead()) {
            assertThat(recountAfterConcurrentInsert(a)).isZero();
        }
    }

    // --- lost updates: the unsafe variant reads without a lock, then writes values back ---

    @Test
    void unsafeTransferLosesAnUpdateAndCreatesMoneyAtReadCommitted() throws Exception {
        try (Session a = readCommitted(); Session b = readCommitted()) {
            unsafeTransfersOutOfAccountOne(a, b).run();
            b.commit();
        }
        assertThat(balance(1)).as("a's debit of 30 is lost").isEqualTo(50);
        assertThat(money()).as("the ledger now holds money nobody paid in").isEqualTo(430);
    }

    @Test
    void unsafeTransferIsCaughtAtRepeatableRead() throws Exception {
        try (Session a = repeatableRead(); Session b = repeatableRead()) {
            assertSerializationFailure(unsafeTransfersOutOfAccountOne(a, b));
            b.rollback();
        }
        assertThat(balance(1)).isEqualTo(70);
        assertThat(money()).isEqualTo(400);
    }

    @Test
    void unsafeTransferIsCaughtAtSerializable() throws Exception {
        try (Session a = serializable(); Session b = serializable()) {
            assertSerializationFailure(unsafeTransfersOutOfAccountOne(a, b));
            b.rollback();
        }
        assertThat(balance(1)).isEqualTo(70);
        assertThat(money()).isEqualTo(400);
    }

    // --- overdraft: the balance check reads without a lock, the update itself is relative ---

    @Test
    void checkWithoutLockOverdrawsAnAccountAtReadCommitted() throws Exception {
        try (Session a = readCommitted(); Session b = readCommitted()) {
            assertThat(a.balance(1)).isGreaterThanOrEqualTo(80);
            assertThat(b.balance(1)).isGreaterThanOrEqualTo(80);
            a.update("UPDATE accounts SET balance = balance - 80 WHERE id = 1");
            a.update("UPDATE accounts SET balance = balance + 80 WHERE id = 2");
            a.commit();
            b.update("UPDATE accounts SET balance = balance - 80 WHERE id = 1");
            b.update("UPDATE accounts SET balance = balance + 80 WHERE id = 3");
            b.commit();
        }
        assertThat(balance(1)).as("both checks passed on the same 100").isEqualTo(-60);
        assertThat(money()).as("relative updates lose nothing, yet the balance went negative").isEqualTo(400);
    }

    // --- what the modes do instead ---

    @Test
    void forUpdateMakesTheSecondTransferWaitAndSeeTheFirstAtReadCommitted() throws Exception {
        try (Session a = readCommitted(); Session b = readCommitted()) {
            assertThat(a.query("SELECT balance FROM accounts WHERE id = 1 FOR UPDATE")).isEqualTo(100);
            a.update("UPDATE accounts SET balance = balance - 80 WHERE id = 1");
            CompletableFuture<Long> seenByB = startBlocked(
                    () -> b.query("SELECT balance FROM accounts WHERE id = 1 FOR UPDATE"));
            a.commit();
            assertThat(seenByB.join()).as("b checks 20, not 100, so it rejects its debit of 80").isEqualTo(20);
            b.rollback();
        }
    }

    @Test
    void forUpdateOnARowChangedSinceTheSnapshotFailsAtRepeatableRead() throws Exception {
        try (Session a = readCommitted(); Session b = repeatableRead()) {
            assertThat(b.balance(4)).isEqualTo(100);
            a.update("UPDATE accounts SET balance = balance - 80 WHERE id = 1");
            a.commit();
            assertSerializationFailure(() -> b.query("SELECT balance FROM accounts WHERE id = 1 FOR UPDATE"));
            b.rollback();
        }
    }

    @Test
    void conditionalUpdateRechecksTheBalanceAfterWaitingAtReadCommitted() throws Exception {
        String debit = "UPDATE accounts SET balance = balance - 80 WHERE id = 1 AND balance >= 80";
        try (Session a = readCommitted(); Session b = readCommitted()) {
            assertThat(a.update(debit)).isEqualTo(1);
            CompletableFuture<Integer> debitedByB = startBlocked(() -> b.update(debit));
            a.commit();
            assertThat(debitedByB.join()).as("re-evaluated on a's committed row: 20 < 80, no row").isZero();
            b.commit();
        }
        assertThat(balance(1)).isEqualTo(20);
    }

    @Test
    void conditionalUpdateOnARowChangedSinceTheSnapshotFailsAtRepeatableRead() throws Exception {
        String debit = "UPDATE accounts SET balance = balance - 80 WHERE id = 1 AND balance >= 80";
        try (Session a = readCommitted(); Session b = repeatableRead()) {
            assertThat(b.balance(4)).isEqualTo(100);
            assertThat(a.update(debit)).isEqualTo(1);
            CompletableFuture<Integer> debitedByB = startBlocked(() -> b.update(debit));
            a.commit();
            assertThatThrownBy(debitedByB::join).hasCauseInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState())
                            .isEqualTo(SERIALIZATION_FAILURE));
            b.rollback();
        }
        assertThat(balance(1)).isEqualTo(20);
    }

    @Test
    void theAtomicStatementLocksDebitBeforeCreditSoOppositeOrdersDeadlock() throws Exception {
        String atomicFromOneToTwo = PostgresSchema.ATOMIC_TRANSFER.replace("$1", "1").replace("$2", "2")
                .replace("$3", "10");
        try (Session a = readCommitted(); Session b = readCommitted()) {
            b.query("SELECT balance FROM accounts WHERE id = 2 FOR UPDATE");
            CompletableFuture<Long> transferByA = startBlocked(() -> a.query(atomicFromOneToTwo));
            // a holds account 1 (its debit) and waits for account 2 (its credit), which b holds; b now wants 1.
            SQLException deadlock = null;
            try {
                b.query("SELECT balance FROM accounts WHERE id = 1 FOR UPDATE");
                b.rollback();
            } catch (SQLException e) {
                deadlock = e;
                b.rollback();
            }
            try {
                transferByA.join();
                a.rollback();
            } catch (java.util.concurrent.CompletionException e) {
                deadlock = (SQLException) e.getCause();
                a.rollback();
            }
            assertThat(deadlock == null ? "no error" : deadlock.getSQLState())
                    .as("PostgreSQL aborts one of the two as deadlocked").isEqualTo("40P01");
        }
        assertThat(money()).isEqualTo(400);
    }

    // --- write skew: a rule over two rows, each transaction writing a different one ---

    private static final String JOINT_BALANCE = "SELECT sum(balance) FROM accounts WHERE id IN (1, 2)";

    private static void debitWithinJointBalance(Session session, long debit, long credit) throws SQLException {
        assertThat(session.query(JOINT_BALANCE)).as("accounts 1 and 2 together cover 150").isGreaterThanOrEqualTo(150);
        session.update("UPDATE accounts SET balance = balance - 150 WHERE id = ?", debit);
        session.update("UPDATE accounts SET balance = balance + 150 WHERE id = ?", credit);
    }

    /** Both see 200 in accounts 1 and 2; a takes 150 from account 1, b from account 2; a commits. Returns b's commit. */
    private static SqlStep skewedDebits(Session a, Session b) throws SQLException {
        assertThat(a.query(JOINT_BALANCE)).isEqualTo(200);
        assertThat(b.query(JOINT_BALANCE)).isEqualTo(200);
        debitWithinJointBalance(a, 1, 3);
        debitWithinJointBalance(b, 2, 4);
        a.commit();
        return b::commit;
    }

    private long jointBalance() throws SQLException {
        try (Session observer = readCommitted()) {
            return observer.query(JOINT_BALANCE);
        }
    }

    @Test
    void writeSkewBreaksARuleOverTwoAccountsAtRepeatableRead() throws Exception {
        try (Session a = repeatableRead(); Session b = repeatableRead()) {
            skewedDebits(a, b).run();
        }
        assertThat(jointBalance()).as("each saw 200; together they took 300").isEqualTo(-100);
    }

    @Test
    void writeSkewIsCaughtAtSerializable() throws Exception {
        try (Session a = serializable(); Session b = serializable()) {
            assertSerializationFailure(skewedDebits(a, b));
        }
        assertThat(jointBalance()).isEqualTo(50);
    }
}
