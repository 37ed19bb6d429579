package io.ledgerbench.loadgen.saturation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.schedule.ProgressListener;
import io.ledgerbench.loadgen.schedule.RunExecutor;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole search, steps really run against a simulated server whose capacity is known. */
class SaturationRunnerTest {

    private static final double CAPACITY_PER_SEC = 800;
    private static final double RESOLUTION = 0.05;

    private static WorkloadSpec workload(String saturation) throws Exception {
        return new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: search}
                spec:
                  workload:
                    accounts: 1000
                    mode: saturation
                    arrival: uniform
                    concurrency: 4
                    maxConcurrency: 100000
                    warmup: 0s
                    duration: 2s
                    saturation: %s
                """.formatted(saturation), "test").spec().workload();
    }

    private static SaturationMeasurement search(WorkloadSpec workload, List<String> log) throws Exception {
        SaturationRunner runner = new SaturationRunner(new RunExecutor(Duration.ofHours(1), Duration.ofSeconds(30)),
                log::add);
        StepDriverListener listener = new StepDriverListener();
        // 5 ms answers: far inside the 25 ms objective until the queue grows.
        try (CapacityLimitedDriver server = new CapacityLimitedDriver(CAPACITY_PER_SEC, 5_000_000)) {
            return runner.run(workload, 11, java.time.Instant.now(), server, listener, MeasurementObserver.NONE,
                    step -> RunExecutor.loadShape(step, step.seed(), 0, 1), StepExchange.SINGLE_PROCESS,
                    ProgressListener.NONE, SaturationRunner.StepHooks.NONE);
        }
    }

    @Test
    void findsTheServersCapacityWithinTheResolutionAndNeverAnswersARateThatFailed() throws Exception {
        WorkloadSpec workload = workload("{p99: 25ms, startRate: 200, growthFactor: 2, resolution: " + RESOLUTION
                + ", maxSteps: 12}");
        List<String> log = new ArrayList<>();
        SaturationResult answer = search(workload, log).result(ServiceObjective.of(workload.saturation()));

        assertThat(answer.sustainableRatePerSec()).as("%s", log)
                .isBetween(CAPACITY_PER_SEC / (1 + RESOLUTION), CAPACITY_PER_SEC * (1 + RESOLUTION));
        assertThat(answer.saturationReached()).isTrue();
        assertThat(answer.endReason()).startsWith("resolution reached");
        SaturationStep sustainable = answer.steps().get(answer.sustainableStep() - 1);
        assertThat(sustainable.held()).isTrue();
        assertThat(sustainable.latencyMs().p99Ms()).isLessThanOrEqualTo(25);
        assertThat(answer.steps()).filteredOn(step -> !step.held())
                .allSatisfy(step -> assertThat(step.offeredRatePerSec()).isGreaterThan(answer.sustainableRatePerSec()));
    }

    @Test
    void aRateBeyondCapacityMissesOnLatencyAndAchievedRate() throws Exception {
        WorkloadSpec workload = workload("{p99: 25ms, startRate: 1600, growthFactor: 4, maxSteps: 2}");
        SaturationResult answer = search(workload, new ArrayList<>()).result(ServiceObjective.of(workload.saturation()));

        SaturationStep overloaded = answer.steps().getFirst();
        assertThat(overloaded.offeredRatePerSec()).isEqualTo(1600);
        assertThat(overloaded.held()).isFalse();
        assertThat(overloaded.misses()).anySatisfy(miss -> assertThat(miss).startsWith("p99"))
                .anySatisfy(miss -> assertThat(miss).startsWith("achieved"));
        assertThat(overloaded.achievedRatePerSec()).isLessThan(0.99 * 1600);
        SaturationStep second = answer.steps().get(1);
        assertThat(second.offeredRatePerSec()).isEqualTo(400);
        assertThat(second.held()).isTrue();
        assertThat(answer.sustainableRatePerSec()).isEqualTo(400);
        assertThat(answer.endReason()).contains("step limit");
    }

    @Test
    void startsFromAFractionOfTheClosedLoopProbe() throws Exception {
        WorkloadSpec workload = workload("{p99: 25ms, startFraction: 0.5, probeDuration: 2s, maxSteps: 2}");
        SaturationMeasurement measured = search(workload, new ArrayList<>());

        // 4 closed-loop clients, each waiting 5 ms + service: the probe sees about 4 / 6.25 ms = 640/s at most.
        assertThat(measured.probeThroughputPerSec()).isPositive().isLessThanOrEqualTo(CAPACITY_PER_SEC);
        assertThat(measured.startRatePerSec()).isEqualTo(measured.probeThroughputPerSec() * 0.5);
        assertThat(measured.steps().getFirst().offeredRatePerSec()).isEqualTo(measured.startRatePerSec());
        assertThat(measured.completedInAllPhases()).isEqualTo(measured.probe().merged().completedInAllPhases()
                + measured.steps().stream().mapToLong(step -> step.merged().completedInAllPhases()).sum());
    }
}
