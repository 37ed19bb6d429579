package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;

/**
 * The modes that send one prepared statement per transfer, one round trip, autocommitted:
 * `procedure` (a call of the PL/pgSQL function) and `atomic` (one CTE with a conditional debit).
 */
final class OneStatementTransfer implements TransferAttempt {

    private final PreparedQuery<RowSet<Row>> statement;
    private final Function<Row, TransferResult> outcome;

    private OneStatementTransfer(Pool pool, String sql, Function<Row, TransferResult> outcome) {
        this.statement = pool.preparedQuery(sql);
        this.outcome = outcome;
    }

    /** The function decides next to the data and answers 'completed' or 'rejected'. */
    static OneStatementTransfer procedure(Pool pool) {
        return new OneStatementTransfer(pool, PostgresSchema.CALL_TRANSFER, row -> switch (row.getString(0)) {
            case "completed" -> TransferResult.COMPLETED;
            case "rejected" -> TransferResult.REJECTED;
            default -> TransferResult.failed("unexpected_outcome");
        });
    }

    /** The statement answers how many transfers it recorded: 1 completed, 0 rejected. */
    static OneStatementTransfer atomic(Pool pool) {
        return new OneStatementTransfer(pool, PostgresSchema.ATOMIC_TRANSFER,
                row -> row.getLong(0) == 1 ? TransferResult.COMPLETED : TransferResult.REJECTED);
    }

    @Override
    public Future<TransferResult> attempt(Transfer transfer) {
        return statement.execute(Tuple.of(transfer.debitAccountId(), transfer.creditAccountId(), transfer.amount()))
                .map(rows -> outcome.apply(rows.iterator().next()));
    }
}
