package io.ledgerbench.loadgen.schedule;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.measure.Phase;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.spec.OverflowPolicy;
import io.ledgerbench.loadgen.workload.Transfer;
import io.ledgerbench.loadgen.workload.TransferGenerator;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Open loop (fixedRate), wrk2 style: arrivals follow a schedule independent of the answers, and
 * latency is measured from each arrival's intended start, so a stall in the database shows up
 * in every transfer that should have started during it (coordinated omission cannot hide it).
 * At most maxConcurrency transfers are in flight; an arrival that finds no free slot either
 * waits in a queue (counted as delayed, its latency includes the wait) or is counted as dropped.
 */
public final class OpenLoopLoad implements LoadShape {

    private final TransferGenerator transfers;
    private final ArrivalSchedule arrivals;
    private final int maxConcurrency;
    private final OverflowPolicy overflow;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final ArrayDeque<Arrival> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;

    public OpenLoopLoad(TransferGenerator transfers, ArrivalSchedule arrivals, int maxConcurrency, OverflowPolicy overflow) {
        this.transfers = transfers;
        this.arrivals = arrivals;
        this.maxConcurrency = maxConcurrency;
        this.overflow = overflow;
    }

    private record Arrival(Transfer transfer, Phase phase, long intendedStartNanos) {
    }

    @Override
    public void run(RunClock clock, TransferDriver driver, RunRecorder recorder) throws InterruptedException {
        long intendedStart = clock.startNanos();
        while (true) {
            intendedStart += arrivals.nextGapNanos();
            if (clock.isOver(intendedStart)) {
                break;
            }
            waitUntil(intendedStart);
            Arrival arrival = new Arrival(transfers.next(), clock.phaseAt(intendedStart), intendedStart);
            offer(arrival, driver, recorder);
        }
        drain(clock, recorder);
    }

    private void offer(Arrival arrival, TransferDriver driver, RunRecorder recorder) {
        lock.lock();
        try {
            if (inFlight >= maxConcurrency) {
                if (overflow == OverflowPolicy.QUEUE) {
                    waiting.addLast(arrival);
                    recorder.delayedArrival(arrival.phase());
                } else {
                    recorder.dropped(arrival.phase());
                }
                return;
            }
            inFlight++;
        } finally {
            lock.unlock();
        }
        send(arrival, driver, recorder);
    }

    private void send(Arrival arrival, TransferDriver driver, RunRecorder recorder) {
        long sentNanos = System.nanoTime();
        recorder.sent();
        driver.execute(arrival.transfer()).whenComplete((result, error) -> {
            TransferResult answer = error == null ? result : TransferResult.failed("driver_error: " + error);
            answered(arrival, sentNanos, answer, driver, recorder);
        });
    }

    private void answered(Arrival arrival, long sentNanos, TransferResult answer, TransferDriver driver, RunRecorder recorder) {
        long answeredNanos = System.nanoTime();
        Arrival next;
        lock.lock();
        try {
            if (closed) {
                return; // already counted as unanswered when the drain deadline passed
            }
            recorder.answered(arrival.phase(), answer, arrival.intendedStartNanos(), sentNanos, answeredNanos);
            next = waiting.pollFirst();
            if (next == null) {
                inFlight--;
                if (inFlight == 0) {
                    idle.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            send(next, driver, recorder);
        }
    }

    private void drain(RunClock clock, RunRecorder recorder) throws InterruptedException {
        lock.lock();
        try {
            while (inFlight > 0 || !waiting.isEmpty()) {
                long remaining = clock.drainDeadlineNanos() - System.nanoTime();
                if (remaining <= 0) {
                    // Counted, never silently lost: they are failures of this run.
                    recorder.abandonedInFlight(Phase.MEASUREMENT, inFlight);
                    recorder.abandonedUnsent(Phase.MEASUREMENT, waiting.size());
                    break;
                }
                idle.awaitNanos(remaining);
            }
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private static void waitUntil(long targetNanos) throws InterruptedException {
        long remaining;
        while ((remaining = targetNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

}
