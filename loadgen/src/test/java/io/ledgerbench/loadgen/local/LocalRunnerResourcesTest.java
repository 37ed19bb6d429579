package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension.PostgresServer;
import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.resources.ResourceUsage;
import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the database spent, measured by the local runner on a real PostgreSQL: on the embedded server
 * it starts (its processes and its statistics), and on an existing server (its statistics only).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class LocalRunnerResourcesTest {

    @TempDir
    Path results;

    private static BenchmarkRunManifest manifest(String name, int runs) throws Exception {
        return new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: %s}
                spec:
                  database:
                    replicas: 1
                    postgresql: {mode: procedure, poolSize: 4, synchronousCommit: "on"}
                  workload: {accounts: 1000, concurrency: 8, warmup: 1s, duration: 3s, seed: 5}
                  runs: %d
                """.formatted(name, runs), "test");
    }

    private RunResult run(String name, int run) throws Exception {
        return ResultsWriter.json().readValue(results.resolve(name).resolve("run-" + run + ".json").toFile(),
                RunResult.class);
    }

    @Test
    void onItsOwnServerEveryRunReportsCpuWalAndFsyncsPerTransferAsWindowTotalsOverCompletedTransfers()
            throws Exception {
        LocalRunner runner = new LocalRunner(new PrintStream(new ByteArrayOutputStream()), results, Optional.empty(),
                new LoadgenMetrics("postgresql", "test"), Duration.ofSeconds(5));

        AggregateResult aggregate = runner.run(manifest("costs", 2));

        for (int number = 1; number <= 2; number++) {
            RunResult result = run("costs", number);
            ResourceUsage usage = result.resources();
            assertThat(usage.notMeasured()).as("run %d", number).isEmpty();
            assertThat(usage.completedTransfers()).isEqualTo(result.counts().completed()).isPositive();
            assertThat(usage.cpuMicrosPerTransfer()).isPositive()
                    .isCloseTo(usage.databaseCpuSeconds() * 1e6 / usage.completedTransfers(), within(1e-6));
            assertThat(usage.walBytesPerTransfer()).isPositive()
                    .isCloseTo((double) usage.walBytes() / usage.completedTransfers(), within(1e-9));
            assertThat(usage.fsyncsPerTransfer()).isPositive()
                    .isCloseTo((double) usage.fsyncs() / usage.completedTransfers(), within(1e-9));
            assertThat(usage.bytesWrittenPerTransfer())
                    .isCloseTo((double) usage.databaseWriteBytes() / usage.completedTransfers(), within(1e-9));
            assertThat(usage.commits()).as("one commit per transfer in procedure mode, and a few more")
                    .isGreaterThanOrEqualTo(usage.completedTransfers());
            assertThat(usage.loadgenCpuSeconds()).isPositive();
            assertThat(usage.databasePeakResidentBytes()).as("the window's peak (reset at its start)").isPositive();
            assertThat(usage.walWrites()).isPositive();
            assertThat(usage.walRecords()).isGreaterThanOrEqualTo(usage.completedTransfers());
            assertThat(usage.buffersWritten()).isNotNull();
        }
        assertThat(aggregate.resources().cpuMicrosPerTransfer().n()).isEqualTo(2);
        assertThat(aggregate.resources().fsyncsPerTransfer().n()).isEqualTo(2);
        // Two runs give an interval unless they differ so much that it would reach below 0 (then it says so).
        assertThat(Files.readString(results.resolve("costs").resolve("report.txt")))
                .contains("cost        what the database spent per completed transfer")
                .containsPattern("  CPU +\\d+\\.\\d\\d (\\[|\\(n=2 too few\\))")
                .containsPattern("  fsyncs +\\d\\.\\d{4} (\\[|\\(n=2 too few\\))")
                .doesNotContain("not measured");
    }

    @Test
    void onAnExistingServerOnlyItsStatisticsAreMeasuredAndTheRestSaysWhy(PostgresServer postgres) throws Exception {
        LocalRunner runner = new LocalRunner(new PrintStream(new ByteArrayOutputStream()), results,
                Optional.of(postgres.endpoint("existing_costs")), new LoadgenMetrics("postgresql", "test"),
                Duration.ofSeconds(5));

        runner.run(manifest("existing", 1));

        ResourceUsage usage = run("existing", 1).resources();
        assertThat(usage.walBytesPerTransfer()).isPositive();
        assertThat(usage.fsyncsPerTransfer()).isPositive();
        assertThat(usage.cpuMicrosPerTransfer()).isNull();
        assertThat(usage.databaseWriteBytes()).isNull();
        assertThat(usage.notMeasured()).singleElement().asString().startsWith("database processes: an existing server");
        assertThat(Files.readString(results.resolve("existing").resolve("report.txt")))
                .contains("  CPU       not measured").contains("not measured: database processes: an existing server");
    }
}
