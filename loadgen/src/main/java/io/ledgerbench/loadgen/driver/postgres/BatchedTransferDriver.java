package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.DriverListener;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The `batched` mode: concurrent transfers are coalesced into calls of the array-taking transfer
 * function, as TigerBeetle's client coalesces requests. Like Nagle's algorithm, a partial batch
 * leaves only when no other batch is in flight (after waiting at most the linger for more), so
 * transfers that arrive meanwhile gather into the next call instead of each paying a commit of
 * its own; full batches (batchSize) leave at once, one per free pooled connection. A conflict
 * retries the whole batch, which the server rolled back as one statement, so nothing is applied
 * twice.
 */
final class BatchedTransferDriver implements TransferDriver {

    private final Vertx vertx;
    private final Pool pool;
    private final PreparedQuery<RowSet<Row>> call;
    private final ConflictRetry retry;
    private final DriverListener listener;
    private final int connections;
    private final int batchSize;
    private final long lingerNanos;

    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int batchesInFlight;
    private boolean lingerTimerSet;

    private record Pending(Transfer transfer, CompletableFuture<TransferResult> answer, long queuedNanos) {
    }

    BatchedTransferDriver(Vertx vertx, Pool pool, int connections, int batchSize, Duration linger,
                          ConflictRetry retry, DriverListener listener) {
        this.vertx = vertx;
        this.pool = pool;
        this.call = pool.preparedQuery(PostgresSchema.CALL_TRANSFER_BATCH);
        this.connections = connections;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.retry = retry;
        this.listener = listener;
    }

    @Override
    public CompletableFuture<TransferResult> execute(Transfer transfer) {
        CompletableFuture<TransferResult> answer = new CompletableFuture<>();
        List<List<Pending>> due;
        synchronized (lock) {
            queue.add(new Pending(transfer, answer, System.nanoTime()));
            due = takeDueBatches();
        }
        due.forEach(this::send);
        return answer;
    }

    /**
     * Batches that may leave now: full ones, one per free connection; a partial one only when no
     * batch is in flight and its oldest transfer has waited the linger (arming the timer if not).
     */
    private List<List<Pending>> takeDueBatches() {
        List<List<Pending>> due = new ArrayList<>(1);
        while (!queue.isEmpty() && batchesInFlight < connections) {
            if (queue.size() < batchSize) {
                if (batchesInFlight > 0) {
                    break;
                }
                long waitedNanos = System.nanoTime() - queue.peek().queuedNanos();
                if (waitedNanos < lingerNanos) {
                    armLingerTimer(lingerNanos - waitedNanos);
                    break;
                }
            }
            int size = Math.min(batchSize, queue.size());
            List<Pending> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(queue.poll());
            }
            batchesInFlight++;
            due.add(batch);
        }
        return due;
    }

    private void armLingerTimer(long remainingNanos) {
        if (lingerTimerSet) {
            return;
        }
        lingerTimerSet = true;
        long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos + 999_999));
        vertx.setTimer(delayMillis, timer -> {
            List<List<Pending>> due;
            synchronized (lock) {
                lingerTimerSet = false;
                due = takeDueBatches();
            }
            due.forEach(this::send);
        });
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
        List<List<Pending>> due;
        synchronized (lock) {
            batchesInFlight--;
            due = takeDueBatches();
        }
        due.forEach(this::send);
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
