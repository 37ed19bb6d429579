package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/** The `atomic` mode: one SQL statement per transfer (conditional debit, credit, record), one round trip. */
final class AtomicTransfer implements TransferAttempt {

    private final PreparedQuery<RowSet<Row>> statement;

    AtomicTransfer(Pool pool) {
        this.statement = pool.preparedQuery(PostgresSchema.ATOMIC_TRANSFER);
    }

    @Override
    public Future<TransferResult> attempt(Transfer transfer) {
        return statement.execute(Tuple.of(transfer.debitAccountId(), transfer.creditAccountId(), transfer.amount()))
                .map(rows -> rows.iterator().next().getLong(0) == 1 ? TransferResult.COMPLETED : TransferResult.REJECTED);
    }
}
