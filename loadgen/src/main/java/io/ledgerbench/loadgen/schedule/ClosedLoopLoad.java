package io.ledgerbench.loadgen.schedule;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.measure.Phase;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.workload.TransferGenerator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closed loop (maxThroughput): each logical client sends its next transfer as soon as the
 * previous one is answered. Clients are callback chains, not threads: the next transfer is sent
 * from the completion of the previous one (on the driver's I/O thread), so no thread handoff
 * sits between two transfers and the client adds as little as possible to what it measures.
 * Latency here is service time. A client whose transfer failed because the database could not be
 * reached waits {@link #UNREACHABLE_PAUSE} before its next (as a connection pool's reconnect would): it
 * neither spins through refusals nor starves the I/O thread that must notice the connection closed.
 */
public final class ClosedLoopLoad implements LoadShape {

    /** How long a client waits after finding the database unreachable. */
    public static final Duration UNREACHABLE_PAUSE = Duration.ofMillis(100);

    private final List<TransferGenerator> clients;

    /** One generator per logical client. */
    public ClosedLoopLoad(List<TransferGenerator> clients) {
        this.clients = List.copyOf(clients);
    }

    @Override
    public void run(RunClock clock, TransferDriver driver, RunRecorder recorder) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(clients.size());
        ScheduledExecutorService pauses = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("closed-loop-pauses").daemon().factory());
        try {
            List<Client> running = clients.stream()
                    .map(generator -> new Client(generator, clock, driver, recorder, finished, pauses)).toList();
            running.forEach(Client::sendNext);
            long waitNanos = Math.max(0, clock.drainDeadlineNanos() - System.nanoTime());
            if (!finished.await(waitNanos, TimeUnit.NANOSECONDS)) {
                running.forEach(Client::abandon);
            }
        } finally {
            pauses.shutdownNow();
        }
    }

    /** One logical client: a chain of transfers, each sent when the previous one is answered. */
    private static final class Client {
        private final TransferGenerator generator;
        private final RunClock clock;
        private final TransferDriver driver;
        private final RunRecorder recorder;
        private final CountDownLatch finished;
        private final ScheduledExecutorService pauses;
        private Phase inFlightPhase;
        private boolean done;

        Client(TransferGenerator generator, RunClock clock, TransferDriver driver, RunRecorder recorder,
               CountDownLatch finished, ScheduledExecutorService pauses) {
            this.generator = generator;
            this.clock = clock;
            this.driver = driver;
            this.recorder = recorder;
            this.finished = finished;
            this.pauses = pauses;
        }

        /** Sends the next transfer now, or after a pause when this one found the database unreachable. */
        private boolean continueAfter(TransferResult result) {
            if (result != null && TransferResult.isUnreachable(result.failureReason())) {
                pauses.schedule(this::sendNext, UNREACHABLE_PAUSE.toNanos(), TimeUnit.NANOSECONDS);
                return false;
            }
            return true;
        }

        void sendNext() {
            while (true) {
                CompletableFuture<TransferResult> answer;
                long sentNanos;
                Phase phase;
                synchronized (this) {
                    if (done) {
                        return;
                    }
                    sentNanos = System.nanoTime();
                    if (clock.isOver(sentNanos)) {
                        done = true;
                        finished.countDown();
                        return;
                    }
                    phase = clock.phaseAt(sentNanos);
                    inFlightPhase = phase;
                    recorder.sent();
                    answer = driver.execute(generator.next());
                }
                if (!answer.isDone()) {
                    answer.whenComplete((result, error) -> {
                        if (answered(phase, sentNanos, result, error) && continueAfter(result)) {
                            sendNext();
                        }
                    });
                    return;
                }
                // Answered already (e.g. an immediate failure): loop instead of recursing.
                TransferResult result = answer.getNow(null);
                if (!answered(phase, sentNanos, result, null) || !continueAfter(result)) {
                    return;
                }
            }
        }

        /** Records the answer; false when the client was abandoned meanwhile (then it was counted already). */
        private synchronized boolean answered(Phase phase, long sentNanos, TransferResult result, Throwable error) {
            if (done) {
                return false;
            }
            TransferResult answer = error == null ? result : TransferResult.failed("driver_error: " + error);
            recorder.answered(phase, answer, sentNanos, sentNanos, System.nanoTime());
            inFlightPhase = null;
            return true;
        }

        /** Gives up on a transfer still unanswered at the drain deadline: it counts as failed. */
        synchronized void abandon() {
            if (!done) {
                done = true;
                if (inFlightPhase != null) {
                    recorder.abandonedInFlight(inFlightPhase, 1);
                }
                finished.countDown();
            }
        }
    }
}
