package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.saturation.SaturationResult;
import io.ledgerbench.loadgen.saturation.SaturationStep;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saturation mode end to end on the embedded PostgreSQL the local runner starts: short steps, two searches. */
class LocalSaturationRunTest {

    @TempDir
    Path results;

    @Test
    void eachSearchFindsASustainableRateBelowTheProbesMaximumOnARisingCurveWithInvariantsPassed() throws Exception {
        // The probe's 32 clients keep every one of the 8 connections busy: its throughput is the server's maximum
        // here, and a p99 of 10 ms holds only well below it (2 cores shared by server and client make steps noisy).
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LocalRunner runner = new LocalRunner(new PrintStream(console, true, StandardCharsets.UTF_8), results,
                Optional.empty(), new LoadgenMetrics("postgresql", "test"), Duration.ofHours(1));

        AggregateResult aggregate = runner.run(new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: search}
                spec:
                  database:
                    replicas: 1
                    postgresql: {mode: procedure, poolSize: 8, synchronousCommit: "on"}
                  workload:
                    accounts: 1000
                    distribution: {type: uniform}
                    mode: saturation
                    concurrency: 32
                    warmup: 2s
                    duration: 3s
                    seed: 17
                    saturation: {p99: 10ms, startFraction: 0.5, probeDuration: 3s, growthFactor: 2, resolution: 0.25,
                                 maxSteps: 6}
                  runs: 2
                """, "test"));

        String out = console.toString(StandardCharsets.UTF_8);
        for (int number = 1; number <= 2; number++) {
            RunResult run = ResultsWriter.json().readValue(results.resolve("search/run-" + number + ".json").toFile(),
                    RunResult.class);
            SaturationResult search = run.saturation();
            assertThat(run.invariants().ok()).as(out).isTrue();
            assertThat(search.sustainableRatePerSec()).as(out).isNotNull().isLessThan(search.probeThroughputPerSec());
            assertThat(search.saturationReached()).as(out).isTrue();
            List<SaturationStep> curve = search.curve();
            assertThat(curve).as("p99 rises along the curve: %s", out).filteredOn(step -> !step.held())
                    .anySatisfy(step -> assertThat(step.latencyMs().p99Ms())
                            .isGreaterThan(curve.getFirst().latencyMs().p99Ms()));
            assertThat(curve.getLast().held()).isFalse();
            assertThat(search.kneeRatePerSec()).isNotNull().isLessThanOrEqualTo(search.sustainableRatePerSec());
            SaturationStep sustainable = search.steps().get(search.sustainableStep() - 1);
            assertThat(sustainable.offeredRatePerSec()).isEqualTo(search.sustainableRatePerSec());
            assertThat(run.targetRatePerSec()).as("the run's own figures are the sustainable step's")
                    .isEqualTo(search.sustainableRatePerSec());
            assertThat(run.counts()).isEqualTo(sustainable.counts());
            assertThat(run.valid()).isTrue();
        }
        assertThat(aggregate.sustainableRatePerSec().n()).isEqualTo(2);
        assertThat(aggregate.p99AtSustainableMs()).as("pooled over the runs' sustainable steps")
                .isEqualTo(aggregate.pooledLatencyMs().p99Ms()).isPositive();
        assertThat(out).contains("run 1 search: objective p99 <= 10.00 ms").contains("sustainable mean")
                .contains("search ended: ");
        assertThat(Files.readString(results.resolve("search/report.txt"))).contains("run 2 search:");
        assertThat(Files.readString(results.resolve("comparison.csv"))).contains("sustainable_rate");
    }
}
