package io.ledgerbench.loadgen.local;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.schedule.LoadShape;
import io.ledgerbench.loadgen.schedule.RunClock;
import java.util.ArrayList;
import java.util.List;

/** Several pods' loads run side by side in one process, on one clock (a local stand-in for the Job's pods). */
final class ParallelLoad implements LoadShape {

    private final List<LoadShape> shares;

    ParallelLoad(List<LoadShape> shares) {
        this.shares = List.copyOf(shares);
    }

    @Override
    public void run(RunClock clock, TransferDriver driver, RunRecorder recorder) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (LoadShape share : shares) {
            threads.add(Thread.ofPlatform().name("load-share").start(() -> {
                try {
                    share.run(clock, driver, recorder);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
