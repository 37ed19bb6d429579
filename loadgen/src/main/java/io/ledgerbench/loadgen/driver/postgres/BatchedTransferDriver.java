package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.driver.TransferCoalescer;
import io.ledgerbench.loadgen.driver.TransferCoalescer.Pending;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The `batched` mode: concurrent transfers are coalesced ({@link TransferCoalescer}, the same as
 * the TigerBeetle driver's) into calls of the array-taking transfer function, at most one batch per
 * pooled connection, a partial one after the linger. A conflict retries the whole batch, which the
 * server rolled back as one statement, so nothing is applied twice.
 */
final class BatchedTransferDriver implements TransferDriver {

    private final Pool pool;
    private final PreparedQuery<RowSet<Row>> call;
    private final ConflictRetry retry;
    private final DriverListener listener;
    private final TransferCoalescer coalescer;

    BatchedTransferDriver(Vertx vertx, Pool pool, int connections, int batchSize, Duration linger,
                          ConflictRetry retry, DriverListener listener) {
        this.pool = pool;
        this.call = pool.preparedQuery(PostgresSchema.CALL_TRANSFER_BATCH);
        this.retry = retry;
        this.listener = listener;
        // One batch per pooled connection at most.
        this.coalescer = new TransferCoalescer(batchSize, connections, linger,
                (delayMillis, task) -> vertx.setTimer(delayMillis, timer -> task.run()), this::send);
    }

    @Override
    public CompletableFuture<TransferResult> execute(Transfer transfer) {
        return coalescer.submit(transfer);
    }

    private void send(List<Pending> batch) {
        int size = batch.size();
        Long[] debits = new Long[size];
        Long[] credits = new Long[size];
        Long[] amounts = new Long[size];
        for (int i = 0; i < size; i++) {
            Transfer transfer = batch.get(i).transfer();
            debits[i] = transfer.debitAccountId();
            credits[i] = transfer.creditAccountId();
            amounts[i] = transfer.amount();
        }
        Tuple arguments = Tuple.of(debits, credits, amounts);
        retry.run(() -> {
            listener.batchSent(size);
            return call.execute(arguments);
        }, size).onComplete(result -> answered(batch, result));
    }

    private void answered(List<Pending> batch, AsyncResult<RowSet<Row>> result) {
        Boolean[] applied = result.succeeded() ? result.result().iterator().next().getArrayOfBooleans(0) : null;
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(outcome(result, applied, i, batch.size()));
        }
        coalescer.batchAnswered();
    }

    private static TransferResult outcome(AsyncResult<RowSet<Row>> result, Boolean[] applied, int index, int size) {
        if (result.failed()) {
            return TransferResult.failed(PostgresFailures.reason(result.cause()));
        }
        if (applied == null || applied.length != size || applied[index] == null) {
            return TransferResult.failed("unexpected_outcome");
        }
        return applied[index] ? TransferResult.COMPLETED : TransferResult.REJECTED;
    }

    @Override
    public void close() {
        pool.close().toCompletionStage().toCompletableFuture().join();
    }
}
