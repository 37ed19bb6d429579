package io.ledgerbench.loadgen.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import io.ledgerbench.loadgen.workload.Transfer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The closed loop when the database stops answering: nothing is lost, nothing is counted twice. */
class ClosedLoopLoadTest {

    /** Answers the first transfer of each client at once, then never again (a hung server). */
    private static final class HangingDriver implements TransferDriver {
        private int sent;

        @Override
        public synchronized CompletableFuture<TransferResult> execute(Transfer transfer) {
            sent++;
            return sent <= 4 ? CompletableFuture.completedFuture(TransferResult.COMPLETED) : new CompletableFuture<>();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void transfersStillUnansweredAtTheDrainDeadlineCountAsFailedAndInDoubt() throws Exception {
        WorkloadSpec workload = new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: hang}
                spec:
                  workload: {accounts: 100, concurrency: 4, warmup: 0s, duration: 1s, seed: 1}
                """, "test").spec().workload();
        RunRecorder recorder = new RunRecorder(MeasurementObserver.NONE);
        RunMeasurement measurement = new RunExecutor(Duration.ofSeconds(5), Duration.ofMillis(200)).execute(workload,
                RunExecutor.loadShape(workload, 1, 0, 1), new HangingDriver(), recorder, ProgressListener.NONE);

        assertThat(measurement.measurement().counts().completed()).isEqualTo(4);
        assertThat(measurement.measurement().counts().failed()).isEqualTo(4);
        assertThat(measurement.measurement().counts().failuresByReason())
                .isEqualTo(Map.of(RunRecorder.UNANSWERED, 4L));
        assertThat(measurement.inDoubtInAllPhases()).isEqualTo(4);
        assertThat(recorder.inFlight()).as("given up on: no longer counted in flight").isZero();
    }
}
