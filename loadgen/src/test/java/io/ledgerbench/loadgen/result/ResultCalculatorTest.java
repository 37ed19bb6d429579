package io.ledgerbench.loadgen.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.measure.PhaseRecorder;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.DatabaseSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultCalculatorTest {

    private static final BenchmarkRunSpec SPEC = BenchmarkRunSpec.defaults();
    private static final Environment ENVIRONMENT = Environments.postgres();
    private static final InvariantReport OK = InvariantReport.check(10, 100, 10, 100, 0, 5, 0, 5);

    private static RunMeasurement measured(int completed, int failed, long latencyNanos, double cpu) {
        return measured(completed, failed, latencyNanos, cpu, 0);
    }

    /** Measured over 10 s, the client's JIT compilers working jitSeconds of them. */
    private static RunMeasurement measured(int completed, int failed, long latencyNanos, double cpu, double jitSeconds) {
        PhaseRecorder warmup = new PhaseRecorder();
        warmup.recordOutcome(TransferOutcome.COMPLETED, null, 99_000_000_000L, 1);
        PhaseRecorder measurement = new PhaseRecorder();
        for (int i = 0; i < completed; i++) {
            measurement.recordOutcome(TransferOutcome.COMPLETED, null, latencyNanos, latencyNanos);
        }
        for (int i = 0; i < failed; i++) {
            measurement.recordOutcome(TransferOutcome.FAILED, "connection_lost", latencyNanos, latencyNanos);
        }
        return new RunMeasurement(warmup.snapshot(), measurement.snapshot(), 10_000_000_000L, new long[] {1}, cpu, jitSeconds, null);
    }

    private static RunResult run(int number, RunMeasurement measurement, InvariantReport invariants) {
        return ResultCalculator.runResult("r", number, SPEC, 1, Instant.EPOCH, Instant.EPOCH, measurement, invariants,
                ENVIRONMENT);
    }

    @Test
    void ratesComeFromTheMeasurementWindowAndWarmupStaysOut() {
        RunResult result = run(1, measured(1000, 0, 2_000_000, 0.1), OK);
        assertThat(result.throughputPerSec()).isEqualTo(100.0);
        assertThat(result.latencyMs().maxMs()).isLessThan(3.0); // the 99 s warmup outlier is not in it
        assertThat(result.warmupCounts().completed()).isEqualTo(1);
        assertThat(result.valid()).isTrue();
    }

    @Test
    void aRunStoppedBeforeItsPlannedEndIsInvalidAndSaysWhy() {
        RunMeasurement full = measured(1000, 0, 2_000_000, 0.1);
        RunMeasurement stopped = new RunMeasurement(full.warmup(), full.measurement(), full.measurementWindowNanos(),
                full.answeredPerSecond(), full.clientCpuMax(), full.clientJitSeconds(), "the cluster did not answer");

        RunResult result = run(1, stopped, OK);

        assertThat(result.valid()).isFalse();
        assertThat(result.warnings()).filteredOn(warning -> warning.code().equals("stopped_early")).singleElement()
                .satisfies(warning -> assertThat(warning.message()).contains("the cluster did not answer"));
    }

    @Test
    void anErrorRateAboveTheLimitMakesTheRunInvalid() {
        RunResult result = run(1, measured(90, 10, 1_000_000, 0.1), OK);
        assertThat(result.errorRate()).isEqualTo(0.1);
        assertThat(result.valid()).isFalse();
        assertThat(result.warnings()).extracting(ValidityWarning::code).contains("error_rate_high");
    }

    @Test
    void aViolatedInvariantMakesTheRunInvalid() {
        InvariantReport broken = InvariantReport.check(10, 100, 10, 99, 1, 5, 0, 5);
        RunResult result = run(1, measured(100, 0, 1_000_000, 0.1), broken);
        assertThat(result.valid()).isFalse();
        assertThat(result.warnings()).extracting(ValidityWarning::code).containsExactly("invariant_violated");
    }

    @Test
    void aSaturatedClientIsAWarningNotInvalid() {
        RunResult result = run(1, measured(100, 0, 1_000_000, 0.95), OK);
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).extracting(ValidityWarning::code).containsExactly("client_saturated");
    }

    @Test
    void aClientStillCompilingDuringTheMeasurementIsAWarningNotInvalid() {
        RunResult result = run(1, measured(100, 0, 1_000_000, 0.1, 0.8), OK);
        assertThat(result.valid()).isTrue();
        assertThat(result.clientJitSeconds()).isEqualTo(0.8);
        assertThat(result.warnings()).extracting(ValidityWarning::code).containsExactly("client_warming_up");
        assertThat(result.warnings().getFirst().message()).contains("0.8 s").contains("spec.workload.warmup");
    }

    @Test
    void theOddRecompilationOfAWarmClientIsNoWarning() {
        RunResult result = run(1, measured(100, 0, 1_000_000, 0.1, 0.3), OK);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void theAggregateWarnsWhenThroughputVariesTooMuch() {
        AggregateResult aggregate = ResultCalculator.aggregate(List.of(
                run(1, measured(1000, 0, 1_000_000, 0.1), OK),
                run(2, measured(1500, 0, 1_000_000, 0.1), OK),
                run(3, measured(2000, 0, 1_000_000, 0.1), OK)));
        assertThat(aggregate.throughputPerSec().mean()).isEqualTo(150.0);
        assertThat(aggregate.throughputPerSec().ci95Low()).isNotNull();
        assertThat(aggregate.warnings()).extracting(ValidityWarning::code).contains("throughput_cv_high");
        assertThat(aggregate.valid()).isTrue();
    }

    @Test
    void theAggregatePoolsHistogramsOfAllRuns() {
        AggregateResult aggregate = ResultCalculator.aggregate(List.of(
                run(1, measured(900, 0, 1_000_000, 0.1), OK),
                run(2, measured(100, 0, 100_000_000, 0.1), OK)));
        assertThat(aggregate.pooledLatencyMs().count()).isEqualTo(1000);
        assertThat(aggregate.pooledLatencyMs().p50Ms()).isLessThan(2.0);
        assertThat(aggregate.pooledLatencyMs().p95Ms()).isGreaterThan(90.0);
    }

    @Test
    void oneInvalidRunMakesTheAggregateInvalid() {
        AggregateResult aggregate = ResultCalculator.aggregate(List.of(
                run(1, measured(100, 0, 1_000_000, 0.1), OK),
                run(2, measured(100, 0, 1_000_000, 0.1), InvariantReport.check(10, 100, 10, 100, 0, 5, 0, 6))));
        assertThat(aggregate.valid()).isFalse();
        assertThat(aggregate.invariantsOk()).isFalse();
    }

    @Test
    void singleNodePostgresIsLabelledNotEquivalent() {
        assertThat(DurabilityAssessment.of(new DatabaseSpec(null, 1, null, null, null, null, null, null))
                .equivalentToTigerBeetle()).isFalse();
        assertThat(DurabilityAssessment.of(DatabaseSpec.defaults()).equivalentToTigerBeetle()).isTrue();
    }
}
