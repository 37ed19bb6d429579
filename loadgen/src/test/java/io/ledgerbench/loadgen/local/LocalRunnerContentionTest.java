package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.local.EmbeddedPostgresExtension.PostgresServer;
import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short end-to-end runs on a real PostgreSQL under high contention: each isolation level, and what
 * batched and unbatched modes write into the results.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class LocalRunnerContentionTest {

    @TempDir
    Path results;

    private AggregateResult runAt(PostgresServer postgres, String isolation) throws Exception {
        return run(postgres, "procedure", isolation);
    }

    private AggregateResult run(PostgresServer postgres, String mode, String isolation) throws Exception {
        String name = "contended-" + mode + "-" + isolation.replace('_', '-');
        BenchmarkRunManifest manifest = new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: %s}
                spec:
                  database:
                    replicas: 1
                    postgresql: {mode: %s, isolationLevel: %s, poolSize: 8}
                  workload:
                    accounts: 100
                    distribution: {type: zipfian, exponent: 1.5}
                    initialBalance: 500
                    amount: {min: 1, max: 1000}
                    concurrency: 32
                    warmup: 1s
                    duration: 3s
                    seed: 11
                  runs: 1
                """.formatted(name, mode, isolation), "test");
        LocalRunner runner = new LocalRunner(new PrintStream(new ByteArrayOutputStream()), results,
                Optional.of(postgres.endpoint(name.replace('-', '_'))), new LoadgenMetrics("postgresql", "test"),
                Duration.ofSeconds(5));
        return runner.run(manifest);
    }

    private RunResult onlyRun(AggregateResult aggregate) throws Exception {
        return ResultsWriter.json().readValue(results.resolve(aggregate.name()).resolve("run-1.json").toFile(),
                RunResult.class);
    }

    @Test
    void readCommittedKeepsInvariantsAndCountsRejections(PostgresServer postgres) throws Exception {
        AggregateResult aggregate = runAt(postgres, "read_committed");
        RunResult run = onlyRun(aggregate);
        assertThat(run.invariants().ok()).as(run.invariants().violations().toString()).isTrue();
        assertThat(run.counts().completed()).isPositive();
        assertThat(run.counts().rejected()).isPositive();
        assertThat(run.counts().failed()).isZero();
        assertThat(aggregate.valid()).isTrue();
    }

    @Test
    void repeatableReadKeepsInvariantsAndCountsRejections(PostgresServer postgres) throws Exception {
        RunResult run = onlyRun(runAt(postgres, "repeatable_read"));
        assertThat(run.invariants().ok()).as(run.invariants().violations().toString()).isTrue();
        assertThat(run.counts().completed()).isPositive();
        assertThat(run.counts().rejected()).isPositive();
    }

    @Test
    void serializableKeepsInvariantsAndShowsRetries(PostgresServer postgres) throws Exception {
        RunResult run = onlyRun(runAt(postgres, "serializable"));
        assertThat(run.invariants().ok()).as(run.invariants().violations().toString()).isTrue();
        assertThat(run.counts().rejected()).isPositive();
        assertThat(run.counts().retriesByReason()).containsKey("serialization_failure");
        assertThat(run.counts().retries()).isPositive();
    }

    @Test
    void batchedRunsRecordTheRealBatchSizesInTheResults(PostgresServer postgres) throws Exception {
        AggregateResult aggregate = run(postgres, "batched", "read_committed");
        RunResult run = onlyRun(aggregate);
        assertThat(run.invariants().ok()).as(run.invariants().violations().toString()).isTrue();
        assertThat(run.batchSize()).isNotNull();
        assertThat(run.batchSize().batches()).isPositive();
        assertThat(run.batchSize().max()).isLessThanOrEqualTo(1000);
        assertThat(run.batchSize().mean() * run.batchSize().batches())
                .as("every measured transfer went out in some batch").isGreaterThanOrEqualTo(run.counts().finished() * 0.9);
        assertThat(aggregate.pooledBatchSize()).isEqualTo(run.batchSize());
        assertThat(java.nio.file.Files.readString(results.resolve(aggregate.name()).resolve("report.txt")))
                .contains("batch size");
    }

    @Test
    void unbatchedRunsHaveNoBatchSizes(PostgresServer postgres) throws Exception {
        AggregateResult aggregate = run(postgres, "atomic", "read_committed");
        assertThat(onlyRun(aggregate).batchSize()).isNull();
        assertThat(aggregate.pooledBatchSize()).isNull();
        assertThat(aggregate.invariantsOk()).isTrue();
    }
}
