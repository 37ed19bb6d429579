package io.ledgerbench.loadgen.driver.tigerbeetle;

import com.tigerbeetle.CreateTransferResult;
import com.tigerbeetle.RequestException;
import com.tigerbeetle.TransferBatch;
import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.driver.TransferCoalescer;
import io.ledgerbench.loadgen.driver.TransferCoalescer.Pending;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Transfers into TigerBeetle, coalesced as TigerBeetle wants them ({@link TransferCoalescer}
 * without linger): a transfer that finds no batch in flight leaves at once; those that arrive while
 * a batch is in flight gather into the next one, up to the maximum a request holds. Under load every request is full; at low load nobody
 * waits for company. Each transfer gets its own 128-bit id, so a request the client library sends
 * again is applied once (TigerBeetle answers Exists).
 */
final class TigerBeetleTransferDriver implements TransferDriver {

    private final TransferSubmitter submitter;
    private final DriverListener listener;
    private final TransferIds ids;
    private final Executor answers;
    private final Runnable closeClient;
    private final TransferCoalescer coalescer;

    /**
     * answers: where replies are handled (and the next batch sent) — not the client library's own
     * callback thread, which must not be kept busy with the load generator's work.
     */
    TigerBeetleTransferDriver(TransferSubmitter submitter, DriverListener listener, TransferIds ids, int maxBatchSize,
                              int maxBatchesInFlight, Executor answers, Runnable closeClient) {
        if (maxBatchSize < 1 || maxBatchSize > TigerBeetleLedger.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be in 1.." + TigerBeetleLedger.MAX_BATCH_SIZE
                    + " (got " + maxBatchSize + ")");
        }
        this.submitter = submitter;
        this.listener = listener;
        this.ids = ids;
        this.answers = answers;
        this.closeClient = closeClient;
        // No linger: with nothing in flight a transfer leaves at once; behind a batch in flight, the rest gather.
        this.coalescer = new TransferCoalescer(maxBatchSize, maxBatchesInFlight, Duration.ZERO,
                (delayMillis, task) -> task.run(), this::send);
    }

    @Override
    public CompletableFuture<TransferResult> execute(Transfer transfer) {
        return coalescer.submit(transfer);
    }

    private void send(List<Pending> batch) {
        TransferBatch transfers = new TransferBatch(batch.size());
        for (Pending pending : batch) {
            transfers.add();
            transfers.setId(ids.nextLow(), ids.high());
            transfers.setDebitAccountId(pending.transfer().debitAccountId());
            transfers.setCreditAccountId(pending.transfer().creditAccountId());
            transfers.setAmount(pending.transfer().amount());
            transfers.setLedger(TigerBeetleLedger.LEDGER);
            transfers.setCode(TigerBeetleLedger.USER_TRANSFER_CODE);
        }
        listener.batchSent(batch.size());
        CompletableFuture<Map<Integer, CreateTransferResult>> answered;
        try {
            answered = submitter.submit(transfers);
        } catch (RuntimeException e) {
            answered = CompletableFuture.failedFuture(e);
        }
        answered.whenCompleteAsync((failures, error) -> answered(batch, failures, error), answers);
    }

    private void answered(List<Pending> batch, Map<Integer, CreateTransferResult> failures, Throwable error) {
        for (int index = 0; index < batch.size(); index++) {
            TransferResult result = error != null ? TransferResult.failed(requestFailure(error))
                    : TigerBeetleOutcomes.of(failures.getOrDefault(index, CreateTransferResult.Ok));
            batch.get(index).answer().complete(result);
        }
        coalescer.batchAnswered();
    }

    /** A request that got no answer at all: every transfer in it failed, for this reason. */
    static String requestFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RequestException request) {
            return "request_failed_status_" + request.getStatus();
        }
        return "request_failed_" + TigerBeetleOutcomes.snakeCase(cause.getClass().getSimpleName());
    }

    @Override
    public void close() {
        closeClient.run();
    }
}
