package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.measure.RunRecorder;

/**
 * The listener a driver is opened with when it serves several steps: it passes retries, batches and a
 * give-up to the current step's recorder. A give-up stays remembered, so the steps after it hear of it too.
 */
public final class StepDriverListener implements DriverListener {

    private volatile DriverListener current = new DriverListener() {
        @Override
        public void retried(String reason) {
        }

        @Override
        public void batchSent(int transfers) {
        }
    };
    private volatile String gaveUpReason;

    /** From now on, what the driver reports goes to this step's recorder. */
    public void recordInto(RunRecorder recorder) {
        current = recorder.driverListener();
        String reason = gaveUpReason;
        if (reason != null) {
            current.gaveUp(reason);
        }
    }

    @Override
    public void retried(String reason) {
        current.retried(reason);
    }

    @Override
    public void batchSent(int transfers) {
        current.batchSent(transfers);
    }

    @Override
    public void gaveUp(String reason) {
        gaveUpReason = reason;
        current.gaveUp(reason);
    }
}
