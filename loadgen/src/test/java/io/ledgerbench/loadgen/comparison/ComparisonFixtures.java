package io.ledgerbench.loadgen.comparison;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.measure.PhaseRecorder;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.result.Environments;
import io.ledgerbench.loadgen.result.ResultCalculator;
import io.ledgerbench.loadgen.result.RunResult;
import java.time.Instant;

/** Run results of known throughput and latency, for comparison tests. */
final class ComparisonFixtures {

    private ComparisonFixtures() {
    }

    /** A run over a 10 s window: transfersPerSecond x 10 completed transfers, each taking latencyMillis. */
    static RunResult run(Variant variant, int round, double transfersPerSecond, long latencyMillis,
                         InvariantReport invariants) {
        PhaseRecorder measurement = new PhaseRecorder();
        for (int i = 0; i < (int) (transfersPerSecond * 10); i++) {
            measurement.recordOutcome(TransferOutcome.COMPLETED, null, latencyMillis * 1_000_000, latencyMillis * 1_000_000);
        }
        long[] perSecond = new long[11];
        java.util.Arrays.fill(perSecond, (long) transfersPerSecond);
        RunMeasurement measured = new RunMeasurement(new PhaseRecorder().snapshot(), measurement.snapshot(),
                10_000_000_000L, perSecond, 0.1, 0, null);
        return ResultCalculator.runResult(variant.run().name(), round, variant.run().spec(), 1, Instant.EPOCH,
                Instant.EPOCH, measured, invariants, Environments.postgres());
    }
}
