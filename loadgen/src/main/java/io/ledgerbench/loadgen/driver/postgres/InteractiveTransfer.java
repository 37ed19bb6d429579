package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * The `interactive` mode: the client drives the transaction, one round trip per statement —
 * BEGIN; lock both rows in id order; check the balance here; debit; credit; record; COMMIT.
 * The locks are held across four round trips, which is what this mode measures.
 */
final class InteractiveTransfer implements TransferAttempt {

    private final Pool pool;

    InteractiveTransfer(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<TransferResult> attempt(Transfer transfer) {
        // A failed statement leaves the transaction aborted: roll it back. A failed COMMIT has ended it already.
        return pool.withConnection(connection -> connection.query("BEGIN").execute()
                .compose(begun -> transaction(connection, transfer).recover(error -> connection.query("ROLLBACK")
                        .execute().transform(rolledBack -> Future.failedFuture(error))))
                .compose(outcome -> connection.query(outcome == TransferResult.COMPLETED ? "COMMIT" : "ROLLBACK")
                        .execute().map(outcome)));
    }

    private static Future<TransferResult> transaction(SqlConnection connection, Transfer transfer) {
        long debit = transfer.debitAccountId();
        long credit = transfer.creditAccountId();
        long amount = transfer.amount();
        return connection.preparedQuery(PostgresSchema.LOCK_BOTH_ACCOUNTS).execute(Tuple.of(debit, credit))
                .compose(locked -> {
                    Long balance = balanceOf(locked, debit);
                    if (locked.size() != 2 || balance == null) {
                        return Future.succeededFuture(TransferResult.failed("unknown_account"));
                    }
                    if (balance < amount) {
                        return Future.succeededFuture(TransferResult.REJECTED);
                    }
                    return connection.preparedQuery(PostgresSchema.DEBIT).execute(Tuple.of(debit, amount))
                            .compose(debited -> connection.preparedQuery(PostgresSchema.CREDIT)
                                    .execute(Tuple.of(credit, amount)))
                            .compose(credited -> connection.preparedQuery(PostgresSchema.RECORD_TRANSFER)
                                    .execute(Tuple.of(debit, credit, amount)))
                            .map(recorded -> TransferResult.COMPLETED);
                });
    }

    private static Long balanceOf(RowSet<Row> rows, long accountId) {
        for (Row row : rows) {
            if (row.getLong(0) == accountId) {
                return row.getLong(1);
            }
        }
        return null;
    }
}
