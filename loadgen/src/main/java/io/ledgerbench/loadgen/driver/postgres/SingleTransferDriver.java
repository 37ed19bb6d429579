package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.CompletableFuture;

/** Sends each transfer on its own (interactive, atomic, procedure modes), retrying conflicts. */
final class SingleTransferDriver implements TransferDriver {

    private final Pool pool;
    private final TransferAttempt mode;
    private final ConflictRetry retry;

    SingleTransferDriver(Pool pool, TransferAttempt mode, ConflictRetry retry) {
        this.pool = pool;
        this.mode = mode;
        this.retry = retry;
    }

    @Override
    public CompletableFuture<TransferResult> execute(Transfer transfer) {
        CompletableFuture<TransferResult> answer = new CompletableFuture<>();
        retry.run(() -> mode.attempt(transfer), 1).onComplete(result -> answer.complete(result.succeeded()
                ? result.result() : TransferResult.failed(PostgresFailures.reason(result.cause()))));
        return answer;
    }

    @Override
    public void close() {
        pool.close().toCompletionStage().toCompletableFuture().join();
    }
}
