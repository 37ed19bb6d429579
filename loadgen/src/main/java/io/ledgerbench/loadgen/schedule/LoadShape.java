package io.ledgerbench.loadgen.schedule;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.measure.RunRecorder;

/** How transfers are offered during a run: closed loop or open loop. */
public interface LoadShape {

    /** Offers transfers until the clock's end, then waits for answers until its drain deadline. */
    void run(RunClock clock, TransferDriver driver, RunRecorder recorder) throws InterruptedException;
}
