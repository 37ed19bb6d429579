package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.RetryBackoff;
import io.ledgerbench.loadgen.driver.RetryListener;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The `procedure` mode: one call of the PL/pgSQL transfer function per transfer, one round trip,
 * as a prepared statement on a pooled connection. Serialization failures and deadlocks are
 * retried with capped, jittered exponential backoff; after the last retry the transfer fails.
 */
final class ProcedureTransferDriver implements TransferDriver {

    private final Vertx vertx;
    private final Pool pool;
    private final PreparedQuery<RowSet<Row>> call;
    private final RetryBackoff backoff;
    private final RetryListener retryListener;

    ProcedureTransferDriver(Vertx vertx, Pool pool, RetryBackoff backoff, RetryListener retryListener) {
        this.vertx = vertx;
        this.pool = pool;
        this.call = pool.preparedQuery(PostgresSchema.CALL_TRANSFER);
        this.backoff = backoff;
        this.retryListener = retryListener;
    }

    @Override
    public CompletableFuture<TransferResult> execute(Transfer transfer) {
        CompletableFuture<TransferResult> answer = new CompletableFuture<>();
        attempt(transfer, 0, answer);
        return answer;
    }

    private void attempt(Transfer transfer, int retriesSoFar, CompletableFuture<TransferResult> answer) {
        call.execute(Tuple.of(transfer.debitAccountId(), transfer.creditAccountId(), transfer.amount()))
                .onSuccess(rows -> answer.complete(outcome(rows)))
                .onFailure(error -> {
                    String reason = PostgresFailures.reason(error);
                    if (PostgresFailures.isRetryable(reason) && backoff.mayRetry(retriesSoFar)) {
                        retryListener.retried(reason);
                        long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(backoff.delayNanos(retriesSoFar)));
                        vertx.setTimer(delayMillis, timer -> attempt(transfer, retriesSoFar + 1, answer));
                    } else {
                        answer.complete(TransferResult.failed(reason));
                    }
                });
    }

    private static TransferResult outcome(RowSet<Row> rows) {
        String outcome = rows.iterator().next().getString(0);
        return switch (outcome) {
            case "completed" -> TransferResult.COMPLETED;
            case "rejected" -> TransferResult.REJECTED;
            default -> TransferResult.failed("unexpected_outcome");
        };
    }

    @Override
    public void close() {
        pool.close().toCompletionStage().toCompletableFuture().join();
    }
}
