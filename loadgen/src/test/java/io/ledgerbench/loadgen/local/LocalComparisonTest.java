package io.ledgerbench.loadgen.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.comparison.BenchmarkComparison;
import io.ledgerbench.loadgen.comparison.ComparisonLoader;
import io.ledgerbench.loadgen.comparison.ComparisonResult;
import io.ledgerbench.loadgen.comparison.VariantRatio;
import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.result.ResultsWriter;
import io.ledgerbench.loadgen.result.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A whole comparison on embedded PostgreSQL: two variants, two short rounds. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalComparisonTest {

    @TempDir
    static Path results;

    private ComparisonResult result;
    private String console;

    @BeforeAll
    void compare() throws Exception {
        BenchmarkComparison comparison = new ComparisonLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkComparison
                metadata: {name: pair}
                spec:
                  baseline: procedure
                  database: {engine: postgresql, replicas: 1, postgresql: {poolSize: 4}}
                  variants:
                    - {name: procedure, database: {postgresql: {mode: procedure}}}
                    - {name: batched, database: {postgresql: {mode: batched}}}
                  workload: {accounts: 200, concurrency: 8, warmup: 1s, duration: 2s}
                  runs: 2
                """, "test");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        result = new LocalComparisonRunner(new PrintStream(output, true, StandardCharsets.UTF_8), results,
                Optional.empty(), new LoadgenMetrics("comparison", "test"), Duration.ofSeconds(5)).run(comparison);
        console = output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void roundsAreInterleavedWithTheOrderRotated() {
        Matcher measured = Pattern.compile("== round (\\d)/2, (\\w+) ").matcher(console);
        StringBuilder order = new StringBuilder();
        while (measured.find()) {
            order.append(measured.group(1)).append(measured.group(2)).append(' ');
        }
        assertThat(order.toString().strip()).isEqualTo("1procedure 1batched 2batched 2procedure");
        assertThat(result.order()).containsExactly("round 1: procedure, batched", "round 2: batched, procedure");
    }

    @Test
    void theVariantsOfARoundRanWithTheSameSeed() throws Exception {
        for (int round = 1; round <= 2; round++) {
            RunResult procedure = read("pair-procedure", round);
            RunResult batched = read("pair-batched", round);
            assertThat(batched.seed()).isEqualTo(procedure.seed()).isEqualTo(result.roundSeeds().get(round - 1));
        }
        assertThat(result.roundSeeds().get(0)).isNotEqualTo(result.roundSeeds().get(1));
    }

    @Test
    void theRatioToTheBaselineHasAnIntervalAndTheVerdictIsPrinted() {
        VariantRatio ratio = result.ratios().getFirst();
        assertThat(ratio.variant()).isEqualTo("batched");
        assertThat(ratio.throughput().pairs()).isEqualTo(2);
        assertThat(ratio.throughput().ci95Low()).isPositive().isLessThanOrEqualTo(ratio.throughput().ratio());
        assertThat(ratio.equalDurability()).isTrue();
        assertThat(console).contains("verdict: " + result.verdict());
        assertThat(result.verdict()).contains("batched", "procedure");
    }

    @Test
    void comparisonJsonReportHtmlAndEachVariantsRunsAreWritten() throws Exception {
        Path directory = results.resolve("pair");
        assertThat(directory.resolve("comparison.json")).isNotEmptyFile();
        assertThat(Files.readString(directory.resolve("report.html"))).contains("render-status").contains("Chart");
        assertThat(directory.resolve("comparison.csv")).isNotEmptyFile();
        for (String variant : List.of("pair-procedure", "pair-batched")) {
            assertThat(directory.resolve(variant).resolve("aggregate.json")).isNotEmptyFile();
        }
        ComparisonResult stored = ResultsWriter.json().readValue(directory.resolve("comparison.json").toFile(),
                ComparisonResult.class);
        assertThat(stored.verdict()).isEqualTo(result.verdict());
    }

    @Test
    void theTableAndTheReportSayWhatEachVariantsDatabaseSpentPerTransfer() throws Exception {
        assertThat(console).contains("what the database spent per completed transfer")
                .containsPattern("(?m)^procedure +\\d+\\.\\d\\d +\\d\\.\\d{4} +\\d+ ")
                .containsPattern("(?m)^batched +\\d+\\.\\d\\d +\\d\\.\\d{4} +\\d+ ");
        assertThat(result.variants()).allSatisfy(variant ->
                assertThat(variant.aggregate().resources().cpuMicrosPerTransfer().n()).isEqualTo(2));
        assertThat(Files.readString(results.resolve("pair").resolve("report.html"))).contains("What a transfer costs");
    }

    private RunResult read(String variant, int round) throws Exception {
        return ResultsWriter.json().readValue(results.resolve("pair").resolve(variant).resolve("run-" + round + ".json")
                .toFile(), RunResult.class);
    }
}
