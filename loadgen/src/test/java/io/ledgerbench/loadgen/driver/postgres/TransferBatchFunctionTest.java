package io.ledgerbench.loadgen.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension.PostgresServer;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The array-taking transfer function is the one-by-one function, batched: for random batches on
 * a few accounts, its outcomes, final balances and recorded transfers equal those of calling
 * transfer() for each transfer in input order.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class TransferBatchFunctionTest {

    private static final int ACCOUNTS = 6;
    private static final String DATABASE = "batch_function";

    private record Ledger(List<Boolean> outcomes, List<Long> balances, List<String> transfers) {
    }

    private record Batch(long[] initialBalances, Long[] debits, Long[] credits, Long[] amounts) {

        static Batch random(SplittableRandom random) {
            long[] balances = random.longs(ACCOUNTS, 0, 200).toArray();
            int size = random.nextInt(1, 80);
            Long[] debits = new Long[size];
            Long[] credits = new Long[size];
            Long[] amounts = new Long[size];
            for (int i = 0; i < size; i++) {
                debits[i] = random.nextLong(1, ACCOUNTS + 1);
                long credit = random.nextLong(1, ACCOUNTS);
                credits[i] = credit >= debits[i] ? credit + 1 : credit;
                amounts[i] = random.nextLong(1, 120);
            }
            return new Batch(balances, debits, credits, amounts);
        }
    }

    private static void prepare(PostgresServer postgres) throws Exception {
        BenchmarkRunSpec spec = new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: batch-function}
                spec:
                  workload: {accounts: %d, initialBalance: 0}
                """.formatted(ACCOUNTS), "test").spec();
        try (PostgresLedgerDatabase ledger = new PostgresLedgerDatabase(postgres.endpoint(DATABASE),
                spec.database().postgresql())) {
            ledger.reset(spec.workload());
        }
    }

    private static void start(Connection connection, long[] balances) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE transfers RESTART IDENTITY");
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET balance = ? WHERE id = ?")) {
            for (int i = 0; i < balances.length; i++) {
                update.setLong(1, balances[i]);
                update.setLong(2, i + 1);
                update.executeUpdate();
            }
        }
    }

    private static Ledger state(Connection connection, List<Boolean> outcomes) throws SQLException {
        List<Long> balances = new ArrayList<>();
        List<String> transfers = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT balance FROM accounts ORDER BY id")) {
                while (rows.next()) {
                    balances.add(rows.getLong(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT debit, credit, amount FROM transfers ORDER BY id")) {
                while (rows.next()) {
                    transfers.add(rows.getLong(1) + "->" + rows.getLong(2) + ":" + rows.getLong(3));
                }
            }
        }
        return new Ledger(outcomes, balances, transfers);
    }

    private static Ledger batched(Connection connection, Batch batch) throws SQLException {
        start(connection, batch.initialBalances());
        try (PreparedStatement call = connection.prepareStatement(PostgresSchema.CALL_TRANSFER_BATCH.replace("$1", "?")
                .replace("$2", "?").replace("$3", "?"))) {
            call.setArray(1, connection.createArrayOf("bigint", batch.debits()));
            call.setArray(2, connection.createArrayOf("bigint", batch.credits()));
            call.setArray(3, connection.createArrayOf("bigint", batch.amounts()));
            try (ResultSet row = call.executeQuery()) {
                row.next();
                Array applied = row.getArray(1);
                return state(connection, Arrays.asList((Boolean[]) applied.getArray()));
            }
        }
    }

    private static Ledger oneByOne(Connection connection, Batch batch) throws SQLException {
        start(connection, batch.initialBalances());
        List<Boolean> outcomes = new ArrayList<>();
        try (PreparedStatement call = connection.prepareStatement("SELECT transfer(?, ?, ?)")) {
            for (int i = 0; i < batch.debits().length; i++) {
                call.setLong(1, batch.debits()[i]);
                call.setLong(2, batch.credits()[i]);
                call.setLong(3, batch.amounts()[i]);
                try (ResultSet row = call.executeQuery()) {
                    row.next();
                    outcomes.add(row.getString(1).equals("completed"));
                }
            }
        }
        return state(connection, outcomes);
    }

    @Test
    void aRandomBatchEndsExactlyAsItsTransfersAppliedOneByOneInOrder(PostgresServer postgres) throws Exception {
        prepare(postgres);
        SplittableRandom random = new SplittableRandom(20261122L);
        try (Connection connection = postgres.connect(DATABASE)) {
            for (int trial = 0; trial < 60; trial++) {
                Batch batch = Batch.random(random);
                Ledger expected = oneByOne(connection, batch);
                assertThat(batched(connection, batch)).as("trial %d", trial).isEqualTo(expected);
            }
        }
    }

    @Test
    void aTransferSeesTheBalanceEarlierTransfersOfTheSameBatchLeft(PostgresServer postgres) throws Exception {
        prepare(postgres);
        try (Connection connection = postgres.connect(DATABASE)) {
            // Account 1 starts empty: the first debit is rejected, the credit it then receives pays the third.
            Batch batch = new Batch(new long[] {0, 50, 0, 0, 0, 0}, new Long[] {1L, 2L, 1L}, new Long[] {3L, 1L, 4L},
                    new Long[] {10L, 30L, 25L});
            assertThat(batched(connection, batch)).isEqualTo(new Ledger(List.of(false, true, true),
                    List.of(5L, 20L, 0L, 25L, 0L, 0L), List.of("2->1:30", "1->4:25")));
        }
    }

    @Test
    void anUnknownAccountFailsTheWholeBatch(PostgresServer postgres) throws Exception {
        prepare(postgres);
        try (Connection connection = postgres.connect(DATABASE)) {
            Batch batch = new Batch(new long[] {100, 0, 0, 0, 0, 0}, new Long[] {1L, 1L}, new Long[] {2L, 99L},
                    new Long[] {10L, 10L});
            assertThatThrownBy(() -> batched(connection, batch)).hasMessageContaining("unknown account in batch");
            assertThat(state(connection, List.of()).balances()).containsExactly(100L, 0L, 0L, 0L, 0L, 0L);
        }
    }
}
