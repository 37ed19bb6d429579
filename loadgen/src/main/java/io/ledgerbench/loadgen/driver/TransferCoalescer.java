package io.ledgerbench.loadgen.driver;

import io.ledgerbench.loadgen.workload.Transfer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gathers concurrent transfers into batches for engines that take many per request, like Nagle's
 * algorithm: full batches leave at once (as many as may be in flight); a partial one leaves only
 * when no batch is in flight and its oldest transfer has waited the linger, so transfers that arrive
 * meanwhile ride in the next request instead of each paying a round trip (and a commit) of its own.
 * Thread-safe; the sender answers each transfer of a batch and then calls {@link #batchAnswered()}.
 */
public final class TransferCoalescer {

    /** One transfer waiting in, or travelling with, a batch. */
    public record Pending(Transfer transfer, CompletableFuture<TransferResult> answer, long queuedNanos) {
    }

    /** Sends a batch; must complete every answer in it, then call {@link #batchAnswered()}. */
    @FunctionalInterface
    public interface BatchSender {
        void send(List<Pending> batch);
    }

    /** Runs a task after a delay (the engine's own timer, e.g. Vert.x's). */
    @FunctionalInterface
    public interface Timer {
        void schedule(long delayMillis, Runnable task);
    }

    private final int maxBatchSize;
    private final int maxBatchesInFlight;
    private final long lingerNanos;
    private final Timer timer;
    private final BatchSender sender;

    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int batchesInFlight;
    private boolean lingerTimerSet;

    public TransferCoalescer(int maxBatchSize, int maxBatchesInFlight, Duration linger, Timer timer, BatchSender sender) {
        this.maxBatchSize = maxBatchSize;
        this.maxBatchesInFlight = maxBatchesInFlight;
        this.lingerNanos = linger.toNanos();
        this.timer = timer;
        this.sender = sender;
    }

    public CompletableFuture<TransferResult> submit(Transfer transfer) {
        CompletableFuture<TransferResult> answer = new CompletableFuture<>();
        List<List<Pending>> due;
        synchronized (lock) {
            queue.add(new Pending(transfer, answer, System.nanoTime()));
            due = takeDueBatches();
        }
        due.forEach(sender::send);
        return answer;
    }

    /** A batch was answered: its slot is free, and what is due now leaves. */
    public void batchAnswered() {
        List<List<Pending>> due;
        synchronized (lock) {
            batchesInFlight--;
            due = takeDueBatches();
        }
        due.forEach(sender::send);
    }

    private List<List<Pending>> takeDueBatches() {
        List<List<Pending>> due = new ArrayList<>(1);
        while (!queue.isEmpty() && batchesInFlight < maxBatchesInFlight) {
            if (queue.size() < maxBatchSize) {
                if (batchesInFlight > 0) {
                    break;
                }
                long waitedNanos = System.nanoTime() - queue.peek().queuedNanos();
                if (waitedNanos < lingerNanos) {
                    armLingerTimer(lingerNanos - waitedNanos);
                    break;
                }
            }
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

    private void armLingerTimer(long remainingNanos) {
        if (lingerTimerSet) {
            return;
        }
        lingerTimerSet = true;
        long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos + 999_999));
        timer.schedule(delayMillis, () -> {
            List<List<Pending>> due;
            synchronized (lock) {
                lingerTimerSet = false;
                due = takeDueBatches();
            }
            due.forEach(sender::send);
        });
    }
}
