package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated server with a known capacity: one queue served first come, first served, at exactly
 * capacityPerSec transfers a second, each answer arriving baseLatencyNanos after its service ends. Below
 * capacity a transfer waits for no one (with evenly spaced arrivals); above it the queue and the latency grow
 * without bound.
 */
public final class CapacityLimitedDriver implements TransferDriver {

    private final long serviceNanos;
    private final long baseLatencyNanos;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private long serverFreeAtNanos = Long.MIN_VALUE;

    public CapacityLimitedDriver(double capacityPerSec, long baseLatencyNanos) {
        this.serviceNanos = Math.round(1e9 / capacityPerSec);
        this.baseLatencyNanos = baseLatencyNanos;
    }

    @Override
    public CompletableFuture<TransferResult> execute(Transfer transfer) {
        long now = System.nanoTime();
        long served;
        synchronized (this) {
            served = Math.max(now, serverFreeAtNanos) + serviceNanos;
            serverFreeAtNanos = served;
        }
        CompletableFuture<TransferResult> answer = new CompletableFuture<>();
        answers.schedule(() -> answer.complete(TransferResult.COMPLETED), served + baseLatencyNanos - now,
                TimeUnit.NANOSECONDS);
        return answer;
    }

    @Override
    public void close() {
        answers.shutdownNow();
    }
}
