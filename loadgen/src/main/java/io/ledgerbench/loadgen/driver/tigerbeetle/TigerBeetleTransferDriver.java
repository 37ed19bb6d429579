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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Transfers into TigerBeetle, coalesced as TigerBeetle wants them ({@link TransferCoalescer}
 * without linger): a transfer that finds no batch in flight leaves at once; those that arrive while
 * a batch is in flight gather into the next one, up to the maximum a request holds. Under load every request is full; at low load nobody
 * waits for company. Each transfer gets its own 128-bit id, so a request the client library sends
 * again is applied once (TigerBeetle answers Exists).
 *
 * <p>TigerBeetle's client retries a request forever, so a cluster that lost its quorum would stall
 * the run without a word. A request unanswered for longer than the request timeout (checked by
 * {@link #checkRequestTimeouts}) makes the driver give up: that request's transfers fail in doubt
 * (they may still commit), the listener is told so that the run ends, and nothing more is sent.
 */
final class TigerBeetleTransferDriver implements TransferDriver {

    /** Failure reason of a transfer not sent because the driver had given up on the cluster. */
    static final String NOT_SENT = "not_sent_cluster_unavailable";

    private final TransferSubmitter submitter;
    private final DriverListener listener;
    private final TransferIds ids;
    private final Executor answers;
    private final Runnable closeClient;
    private final TransferCoalescer coalescer;
    private final long requestTimeoutNanos;
    private final String clusterDescription;
    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong requestSequence = new AtomicLong();
    private volatile String gaveUpReason;

    /** One request awaiting its answer; whoever settles it first (answer or timeout) answers its transfers. */
    private record InFlight(List<Pending> batch, long sentNanos, AtomicBoolean settled) {
    }

    /**
     * answers: where replies are handled (and the next batch sent) — not the client library's own
     * callback thread, which must not be kept busy with the load generator's work.
     */
    TigerBeetleTransferDriver(TransferSubmitter submitter, DriverListener listener, TransferIds ids, int maxBatchSize,
                              int maxBatchesInFlight, Duration requestTimeout, String clusterDescription,
                              Executor answers, Runnable closeClient) {
        if (maxBatchSize < 1 || maxBatchSize > TigerBeetleLedger.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be in 1.." + TigerBeetleLedger.MAX_BATCH_SIZE
                    + " (got " + maxBatchSize + ")");
        }
        this.submitter = submitter;
        this.listener = listener;
        this.ids = ids;
        this.answers = answers;
        this.closeClient = closeClient;
        this.requestTimeoutNanos = requestTimeout.toNanos();
        this.clusterDescription = clusterDescription;
        // No linger: with nothing in flight a transfer leaves at once; behind a batch in flight, the rest gather.
        this.coalescer = new TransferCoalescer(maxBatchSize, maxBatchesInFlight, Duration.ZERO,
                (delayMillis, task) -> task.run(), this::send);
    }

    @Override
    public CompletableFuture<TransferResult> execute(Transfer transfer) {
        return coalescer.submit(transfer);
    }

    private void send(List<Pending> batch) {
        if (gaveUpReason != null) {
            answerAll(batch, TransferResult.failed(NOT_SENT));
            coalescer.batchAnswered();
            return;
        }
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
        long request = requestSequence.incrementAndGet();
        InFlight sent = new InFlight(batch, System.nanoTime(), new AtomicBoolean());
        inFlight.put(request, sent);
        CompletableFuture<Map<Integer, CreateTransferResult>> answered;
        try {
            answered = submitter.submit(transfers);
        } catch (RuntimeException e) {
            answered = CompletableFuture.failedFuture(e);
        }
        answered.whenCompleteAsync((failures, error) -> {
            inFlight.remove(request);
            if (sent.settled().compareAndSet(false, true)) {
                answered(batch, failures, error);
            }
        }, answers);
    }

    private void answered(List<Pending> batch, Map<Integer, CreateTransferResult> failures, Throwable error) {
        for (int index = 0; index < batch.size(); index++) {
            TransferResult result = error != null ? TransferResult.failed(requestFailure(error))
                    : TigerBeetleOutcomes.of(failures.getOrDefault(index, CreateTransferResult.Ok));
            batch.get(index).answer().complete(result);
        }
        coalescer.batchAnswered();
    }

    /**
     * Gives up on the cluster if a request has waited longer than the request timeout at nowNanos
     * (call it periodically, e.g. once a second). Its transfers fail in doubt; later ones are not sent.
     */
    void checkRequestTimeouts(long nowNanos) {
        for (Map.Entry<Long, InFlight> entry : inFlight.entrySet()) {
            InFlight request = entry.getValue();
            if (nowNanos - request.sentNanos() > requestTimeoutNanos && request.settled().compareAndSet(false, true)) {
                inFlight.remove(entry.getKey());
                try {
                    giveUp();
                } finally {
                    // Whatever the listener does, the batch is answered and its slot freed.
                    Runnable answer = () -> {
                        answerAll(request.batch(), TransferResult.failed(TransferResult.UNANSWERED_IN_TIME));
                        coalescer.batchAnswered();
                    };
                    try {
                        answers.execute(answer);
                    } catch (RuntimeException closed) {
                        answer.run(); // the answer thread is gone (driver closing): answer here
                    }
                }
            }
        }
    }

    private synchronized void giveUp() {
        if (gaveUpReason == null) {
            gaveUpReason = clusterDescription + " answered no request within "
                    + Duration.ofNanos(requestTimeoutNanos).toSeconds() + " s (spec.database.tigerbeetle.requestTimeout):"
                    + " it has lost its quorum or is unreachable";
            // Before any transfer is answered: the run stops first, so no client sends again.
            listener.gaveUp(gaveUpReason);
        }
    }

    private static void answerAll(List<Pending> batch, TransferResult result) {
        for (Pending pending : batch) {
            pending.answer().complete(result);
        }
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
