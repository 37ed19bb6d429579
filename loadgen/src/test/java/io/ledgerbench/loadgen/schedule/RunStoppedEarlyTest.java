package io.ledgerbench.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import io.ledgerbench.loadgen.workload.Transfer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A driver that gives up on its database ends the run at once, with its reason, instead of stalling to the end. */
class RunStoppedEarlyTest {

    private static final String REASON = "the cluster answered no request within 30 s";

    /** Completes the first transfers, then gives up and fails every later one without sending it. */
    private static final class GivingUpDriver implements TransferDriver {
        private final DriverListener listener;
        private final int answeredBeforeGivingUp;
        private int sent;

        GivingUpDriver(DriverListener listener, int answeredBeforeGivingUp) {
            this.listener = listener;
            this.answeredBeforeGivingUp = answeredBeforeGivingUp;
        }

        @Override
        public synchronized CompletableFuture<TransferResult> execute(Transfer transfer) {
            sent++;
            if (sent <= answeredBeforeGivingUp) {
                return CompletableFuture.completedFuture(TransferResult.COMPLETED);
            }
            if (sent == answeredBeforeGivingUp + 1) {
                listener.gaveUp(REASON);
            }
            return CompletableFuture.completedFuture(TransferResult.failed("not_sent_cluster_unavailable"));
        }

        @Override
        public void close() {
        }
    }

    private static WorkloadSpec workload(String mode) throws Exception {
        return new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: stop}
                spec:
                  workload: {accounts: 100, %s, warmup: 0s, duration: 1h, seed: 1}
                """.formatted(mode), "test").spec().workload();
    }

    private static RunMeasurement run(WorkloadSpec workload) throws InterruptedException {
        RunRecorder recorder = new RunRecorder(MeasurementObserver.NONE);
        return new RunExecutor(Duration.ofHours(1), Duration.ofSeconds(1)).execute(workload,
                RunExecutor.loadShape(workload, 1, 0, 1), new GivingUpDriver(recorder.driverListener(), 1000), recorder,
                ProgressListener.NONE);
    }

    @Test
    void aClosedLoopRunEndsWhenTheDriverGivesUpAndSaysWhy() throws Exception {
        RunMeasurement measurement = run(workload("mode: maxThroughput, concurrency: 4"));

        assertThat(measurement.stoppedEarlyReason()).isEqualTo(REASON);
        assertThat(measurement.measurement().counts().completed()).isEqualTo(1000);
        assertThat(measurement.measurement().counts().failed()).as("at most one more transfer per client")
                .isBetween(1L, 4L);
        assertThat(measurement.measurementWindowNanos()).isLessThan(Duration.ofHours(1).toNanos());
    }

    @Test
    void anOpenLoopRunEndsWhenTheDriverGivesUpAndSaysWhy() throws Exception {
        RunMeasurement measurement = run(workload("mode: fixedRate, targetRate: 100000, maxConcurrency: 100"));

        assertThat(measurement.stoppedEarlyReason()).isEqualTo(REASON);
        assertThat(measurement.measurement().counts().completed()).isEqualTo(1000);
        assertThat(measurement.measurementWindowNanos()).isLessThan(Duration.ofHours(1).toNanos());
    }
}
