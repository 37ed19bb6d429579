package io.ledgerbench.loadgen.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.measure.PhaseRecorder;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results/comparison.csv gathers every configuration's rows, under the header of the columns they have. */
class ResultsWriterTest {

    @TempDir
    Path results;

    private static List<RunResult> oneRun() {
        PhaseRecorder measurement = new PhaseRecorder();
        measurement.recordOutcome(TransferOutcome.COMPLETED, null, 1_000_000, 1_000_000);
        RunMeasurement measured = new RunMeasurement(new PhaseRecorder().snapshot(), measurement.snapshot(),
                1_000_000_000L, new long[] {1}, 0.1, 0, null);
        return List.of(ResultCalculator.runResult("csv", 1, BenchmarkRunSpec.defaults(), 1, Instant.EPOCH,
                Instant.EPOCH, measured, InvariantReport.check(10, 100, 10, 100, 0, 1, 0, 1), Environments.postgres()));
    }

    private void write() throws Exception {
        List<RunResult> runs = oneRun();
        new ResultsWriter(results).writeAggregate(ResultCalculator.aggregate(runs), runs, "report");
    }

    @Test
    void rowsAreAppendedUnderAHeaderThatMatches() throws Exception {
        write();
        write();
        List<String> lines = Files.readAllLines(results.resolve("comparison.csv"));
        assertThat(lines).hasSize(5).first().isEqualTo(ComparisonCsv.HEADER);
        assertThat(lines.stream().filter(ComparisonCsv.HEADER::equals)).hasSize(1);
    }

    @Test
    void anOlderFileWithOtherColumnsIsKeptAsideAndANewOneStarted() throws Exception {
        String older = "benchmark,row,engine\nold,aggregate,postgresql\n";
        Files.writeString(results.resolve("comparison.csv"), older);

        write();

        assertThat(Files.readAllLines(results.resolve("comparison.csv")).getFirst()).isEqualTo(ComparisonCsv.HEADER);
        try (Stream<Path> files = Files.list(results)) {
            Path kept = files.filter(file -> file.getFileName().toString().startsWith("comparison-until-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readString(kept)).isEqualTo(older);
        }
    }

    @Test
    void costAndSustainableRateColumnsAreEmptyNotZeroWhereNothingWasMeasured() throws Exception {
        write();
        String runRow = Files.readAllLines(results.resolve("comparison.csv")).get(1);
        assertThat(runRow).as("4 cost columns, then 4 of saturation mode's").endsWith(",,,,,,,,");
        assertThat(ComparisonCsv.HEADER).endsWith("db_cpu_us_per_transfer,db_bytes_written_per_transfer,"
                + "wal_bytes_per_transfer,fsyncs_per_transfer,sustainable_rate,sustainable_rate_ci95_low,"
                + "sustainable_rate_ci95_high,p99_at_sustainable_ms");
    }
}
