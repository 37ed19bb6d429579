package io.ledgerbench.loadgen.schedule;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.measure.Phase;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.workload.TransferGenerator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Closed loop (maxThroughput): each logical client sends its next transfer as soon as the
 * previous one is answered. Clients are callback chains, not threads: the next transfer is sent
 * from the completion of the previous one (on the driver's I/O thread), so no thread handoff
 * sits between two transfers and the client adds as little as possible to what it measures.
 * Latency here is service time.
 */
public final class ClosedLoopLoad implements LoadShape {

    private final List<TransferGenerator> clients;

    /** One generator per logical client. */
    public ClosedLoopLoad(List<TransferGenerator> clients) {
        this.clients = List.copyOf(clients);
    }

    @Override
    public void run(RunClock clock, TransferDriver driver, RunRecorder recorder) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(clients.size());
        List<Client> running = clients.stream().map(generator -> new Client(generator, clock, driver, recorder, finished))
                .toList();
        running.forEach(Client::sendNext);
        long waitNanos = Math.max(0, clock.drainDeadlineNanos() - System.nanoTime());
        if (!finished.await(waitNanos, TimeUnit.NANOSECONDS)) {
            running.forEach(Client::abandon);
        }
    }

    /** One logical client: a chain of transfers, each sent when the previous one is answered. */
    private static final class Client {
        private final TransferGenerator generator;
        private final RunClock clock;
        private final TransferDriver driver;
        private final RunRecorder recorder;
        private final CountDownLatch finished;
        private Phase inFlightPhase;
        private boolean done;

        Client(TransferGenerator generator, RunClock clock, TransferDriver driver, RunRecorder recorder,
               CountDownLatch finished) {
            this.generator = generator;
            this.clock = clock;
            this.driver = driver;
            this.recorder = recorder;
            this.finished = finished;
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
                        if (answered(phase, sentNanos, result, error)) {
                            sendNext();
                        }
                    });
                    return;
                }
                // Answered already (e.g. an immediate failure): loop instead of recursing.
                if (!answered(phase, sentNanos, answer.getNow(null), null)) {
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
