package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.io.TempDir;

/** Whole benchmarks on the local 3-node cluster: invariants hold, and results say whether durability matches TigerBeetle's. */
class LocalClusterRunTest {

    @TempDir
    Path results;

    private AggregateResult run(String name, String synchronousCommit) throws Exception {
        BenchmarkRunManifest manifest = new SpecLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: %s}
                spec:
                  database:
                    replicas: 3
                    postgresql: {synchronousCommit: "%s", synchronousStandbys: 1, poolSize: 8}
                  workload:
                    accounts: 1000
                    distribution: {type: zipfian, exponent: 1.0}
                    concurrency: 16
                    warmup: 1s
                    duration: 3s
                  runs: 2
                """.formatted(name, synchronousCommit), "test");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LocalRunner runner = new LocalRunner(new PrintStream(console), results, Optional.empty(),
                new LoadgenMetrics("postgresql", "test"), Duration.ofSeconds(5));
        return runner.run(manifest);
    }

    @Test
    void aBenchmarkOnThreeNodesWithRemoteApplyPassesItsInvariantsAndIsLabelledEquivalent() throws Exception {
        AggregateResult aggregate = run("cluster-remote-apply", "remote_apply");

        assertThat(aggregate.invariantsOk()).isTrue();
        assertThat(aggregate.valid()).as(aggregate.warnings().toString()).isTrue();
        assertThat(aggregate.environment().durability().equivalentToTigerBeetle()).isTrue();
        assertThat(aggregate.environment().durability().description()).startsWith("equivalent to TigerBeetle");
        assertThat(aggregate.environment().serverSettings())
                .containsEntry("synchronous_standby_names", "ANY 1 (*)")
                .containsEntry("synchronous_commit", "remote_apply");
        assertThat(aggregate.environment().databaseLocation()).contains("primary on port").contains("standby-2");
        RunResult second = ResultsWriter.json().readValue(
                results.resolve("cluster-remote-apply").resolve("run-2.json").toFile(), RunResult.class);
        assertThat(second.invariants().ok()).isTrue();
        assertThat(second.environment().durability().equivalentToTigerBeetle()).isTrue();
    }

    @Test
    void aCommitLevelThatDoesNotWaitForAStandbyIsLabelledNotEquivalentAndSaysWhy() throws Exception {
        AggregateResult aggregate = run("cluster-local", "local");
        assertThat(aggregate.invariantsOk()).isTrue();
        assertThat(aggregate.environment().durability().equivalentToTigerBeetle()).isFalse();
        assertThat(aggregate.environment().durability().description()).contains("synchronous_commit=local");
    }
}
