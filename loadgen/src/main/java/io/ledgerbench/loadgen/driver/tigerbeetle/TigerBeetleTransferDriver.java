package io.ledgerbench.loadgen.driver.tigerbeetle;

import com.tigerbeetle.CreateTransferResult;
import com.tigerbeetle.RequestException;
import com.tigerbeetle.TransferBatch;
import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Transfers into TigerBeetle, coalesced as TigerBeetle wants them: a transfer that finds no batch
 * in flight leaves at once; those that arrive while batches are in flight gather into the next
 * one, up to the maximum a request holds. Under load every request is full; at low load nobody
 * waits for company. Each transfer gets its own 128-bit id, so a request the client library sends
 * again is applied once (TigerBeetle answers Exists).
 */
final class TigerBeetleTransferDriver implements TransferDriver {

    private final TransferSubmitter submitter;
    private final DriverListener listener;
    private final TransferIds ids;
    private final int maxBatchSize;
    private final int maxBatchesInFlight;
    private final Executor answers;
    private final Runnable closeClient;

    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int batchesInFlight;

    private record Pending(Transfer transfer, CompletableFuture<TransferResult> answer) {
    }

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
        this.maxBatchSize = maxBatchSize;
        this.maxBatchesInFlight = maxBatchesInFlight;
        this.answers = answers;
        this.closeClient = closeClient;
    }

    @Override
    public CompletableFuture<TransferResult> execute(Transfer transfer) {
        CompletableFuture<TransferResult> answer = new CompletableFuture<>();
        List<List<Pending>> due;
        synchronized (lock) {
            queue.add(new Pending(transfer, answer));
            due = takeDueBatches();
        }
        due.forEach(this::send);
        return answer;
    }

    /** As many batches as may be in flight, each as full as the queue allows. */
    private List<List<Pending>> takeDueBatches() {
        List<List<Pending>> due = new ArrayList<>(1);
        while (!queue.isEmpty() && batchesInFlight < maxBatchesInFlight) {
            int size = Math.min(maxBatchSize, queue.size());
            List<Pending> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(queue.poll());
            }
            batchesInFlight++;
            due.add(batch);
        }
        return due;
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
        List<List<Pending>> due;
        synchronized (lock) {
            batchesInFlight--;
            due = takeDueBatches();
        }
        due.forEach(this::send);
    }

    /** A request that got no answer at all: every transfer in it failed, for this reason. */
    static String requestFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RequestException request) {
            return "request_failed_status_" + request.getStatus();
        }
        return "request_failed_" + cause.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
        closeClient.run();
    }
}
