package io.ledgerbench.loadgen.schedule;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.measure.Phase;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.workload.Transfer;
import io.ledgerbench.loadgen.workload.TransferGenerator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Closed loop (maxThroughput): each logical client, a virtual thread, sends its next transfer as
 * soon as the previous one is answered. Latency here is service time.
 */
public final class ClosedLoopLoad implements LoadShape {

    static final String UNANSWERED = "unanswered_at_drain_deadline";

    private final List<TransferGenerator> clients;

    /** One generator per logical client. */
    public ClosedLoopLoad(List<TransferGenerator> clients) {
        this.clients = List.copyOf(clients);
    }

    @Override
    public void run(RunClock clock, TransferDriver driver, RunRecorder recorder) throws InterruptedException {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (TransferGenerator client : clients) {
                executor.execute(() -> clientLoop(client, clock, driver, recorder));
            }
        } finally {
            executor.shutdown();
        }
        long waitNanos = Math.max(0, clock.drainDeadlineNanos() - System.nanoTime()) + TimeUnit.SECONDS.toNanos(1);
        if (!executor.awaitTermination(waitNanos, TimeUnit.NANOSECONDS)) {
            executor.shutdownNow();
        }
    }

    private static void clientLoop(TransferGenerator client, RunClock clock, TransferDriver driver, RunRecorder recorder) {
        while (true) {
            Transfer transfer = client.next();
            long sentNanos = System.nanoTime();
            if (clock.isOver(sentNanos)) {
                return;
            }
            Phase phase = clock.phaseAt(sentNanos);
            recorder.sent();
            CompletableFuture<TransferResult> answer = driver.execute(transfer);
            try {
                TransferResult result = answer.get(Math.max(1, clock.drainDeadlineNanos() - sentNanos), TimeUnit.NANOSECONDS);
                recorder.answered(phase, result, sentNanos, sentNanos, System.nanoTime());
            } catch (TimeoutException e) {
                recorder.abandoned(phase, 1, UNANSWERED);
                return;
            } catch (InterruptedException e) {
                recorder.abandoned(phase, 1, UNANSWERED);
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // Drivers complete normally with a FAILED result; an exception here is a driver bug, still counted.
                recorder.answered(phase, TransferResult.failed("driver_error: " + e.getCause()), sentNanos, sentNanos,
                        System.nanoTime());
            }
        }
    }
}
