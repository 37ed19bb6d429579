package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/** The `procedure` mode: one call of the PL/pgSQL transfer function, one round trip, logic next to the data. */
final class ProcedureTransfer implements TransferAttempt {

    private final PreparedQuery<RowSet<Row>> call;

    ProcedureTransfer(Pool pool) {
        this.call = pool.preparedQuery(PostgresSchema.CALL_TRANSFER);
    }

    @Override
    public Future<TransferResult> attempt(Transfer transfer) {
        return call.execute(Tuple.of(transfer.debitAccountId(), transfer.creditAccountId(), transfer.amount()))
                .map(rows -> switch (rows.iterator().next().getString(0)) {
                    case "completed" -> TransferResult.COMPLETED;
                    case "rejected" -> TransferResult.REJECTED;
                    default -> TransferResult.failed("unexpected_outcome");
                });
    }
}
