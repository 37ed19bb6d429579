package io.ledgerbench.loadgen.driver.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.RecordingDriverListener;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.driver.postgres.ClosedLoopTransfers.Outcomes;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension.PostgresServer;
import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.workload.Transfer;
import io.ledgerbench.loadgen.workload.TransferGenerator;
import io.ledgerbench.loadgen.workload.WorkloadRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every PostgreSQL interaction mode at every isolation level on a real server: invariants hold
 * at high contention, rejections leave no trace, and conflicts are retried rather than lost.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresModesTest {

    static BenchmarkRunSpec spec(String mode, String isolation, int accounts, int poolSize, long initialBalance)
            throws Exception {
        // batchSize 4 is below the client count, so the batched mode fills batches and keeps several in flight
        // on different connections at once, as the other modes keep several transfers in flight.
        return new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: modes}
                spec:
                  database:
                    replicas: 1
                    postgresql: {mode: %s, isolationLevel: %s, poolSize: %d, batchSize: 4}
                  workload:
                    accounts: %d
                    distribution: {type: uniform}
                    initialBalance: %d
                    amount: {min: 1, max: 100}
                    seed: 5
                """.formatted(mode, isolation, poolSize, accounts, initialBalance), "test").spec();
    }

    static List<TransferGenerator> clients(BenchmarkRunSpec spec, int clients) {
        var streams = new WorkloadRandom(spec.workload().seed()).forPod(0, clients);
        return IntStream.range(0, clients).mapToObj(i -> new TransferGenerator(spec.workload(), streams.clients().get(i)))
                .toList();
    }

    static Map<Long, Long> balances(PostgresServer postgres, String database) throws Exception {
        Map<Long, Long> balances = new TreeMap<>();
        try (Connection connection = postgres.connect(database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, balance FROM accounts")) {
            while (rows.next()) {
                balances.put(rows.getLong(1), rows.getLong(2));
            }
        }
        return balances;
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
            "interactive, read_committed", "interactive, repeatable_read", "interactive, serializable",
            "atomic, read_committed", "atomic, repeatable_read", "atomic, serializable",
            "procedure, read_committed", "procedure, repeatable_read", "procedure, serializable",
            "batched, read_committed", "batched, repeatable_read", "batched, serializable"})
    void invariantsHoldUnderHighContentionWithSixConnections(String mode, String isolation, PostgresServer postgres)
            throws Exception {
        BenchmarkRunSpec spec = spec(mode, isolation, 8, 6, 150);
        String database = "modes_" + mode + "_" + isolation;
        RecordingDriverListener listener = new RecordingDriverListener();
        try (PostgresLedgerDatabase ledger = new PostgresLedgerDatabase(postgres.endpoint(database),
                spec.database().postgresql())) {
            ledger.reset(spec.workload());
            Outcomes outcomes;
            try (TransferDriver driver = ledger.openDriver(listener)) {
                outcomes = ClosedLoopTransfers.run(driver, clients(spec, 24), 40);
            }
            InvariantReport invariants = ledger.verify(spec.workload(), outcomes.completed(), 0);
            assertThat(invariants.ok()).as(invariants.violations().toString()).isTrue();
            assertThat(outcomes.completed()).isPositive();
            assertThat(outcomes.completed() + outcomes.rejected() + outcomes.failed()).isEqualTo(24 * 40);
            assertThat(outcomes.failuresByReason().keySet())
                    .allMatch(reason -> reason.equals("serialization_failure") || reason.equals("deadlock_detected"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interactive", "atomic", "procedure", "batched"})
    void aTransferBeyondTheBalanceIsRejectedAndLeavesNoTrace(String mode, PostgresServer postgres) throws Exception {
        BenchmarkRunSpec spec = spec(mode, "read_committed", 2, 1, 100);
        String database = "reject_" + mode;
        try (PostgresLedgerDatabase ledger = new PostgresLedgerDatabase(postgres.endpoint(database),
                spec.database().postgresql())) {
            ledger.reset(spec.workload());
            try (TransferDriver driver = ledger.openDriver(new RecordingDriverListener())) {
                assertThat(driver.execute(new Transfer(1, 2, 101)).join()).isEqualTo(TransferResult.REJECTED);
                assertThat(driver.execute(new Transfer(1, 2, 100)).join()).isEqualTo(TransferResult.COMPLETED);
                assertThat(driver.execute(new Transfer(1, 2, 1)).join()).isEqualTo(TransferResult.REJECTED);
            }
            assertThat(balances(postgres, database)).isEqualTo(Map.of(1L, 0L, 2L, 200L));
            assertThat(ledger.verify(spec.workload(), 1, 0).ok()).isTrue();
        }
    }
}
