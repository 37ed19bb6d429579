package io.ledgerbench.loadgen.comparison;

import static org.assertj.core.api.Assertions.within;

import io.ledgerbench.loadgen.stats.RatioEstimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.spec.InvalidSpecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ratios, exclusions and the verdict from known per-round results. */
class ComparisonCalculatorTest {

    static final InvariantReport OK = InvariantReport.check(10, 100, 10, 100, 0, 5, 0, 5);
    private static final InvariantReport BROKEN = InvariantReport.check(10, 100, 10, 99, 0, 5, 0, 5);

    static BenchmarkComparison comparison(String secondDatabase) throws InvalidSpecException {
        return comparison(secondDatabase, "{accounts: 100, warmup: 1s, duration: 10s}");
    }

    /** pg (3 nodes, ANY 1) against a second database, on this workload, 3 rounds. */
    static BenchmarkComparison comparison(String secondDatabase, String workload) throws InvalidSpecException {
        return new ComparisonLoader().parse("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkComparison
                metadata: {name: c}
                spec:
                  baseline: pg
                  variants:
                    - name: pg
                      database: {engine: postgresql, replicas: 3, postgresql: {synchronousCommit: remote_apply,
                                 synchronousStandbys: 1}}
                    - name: other
                      database: %s
                  workload: %s
                  runs: 3
                """.formatted(secondDatabase, workload), "test");
    }

    static ComparisonResult compare(BenchmarkComparison comparison, double[] pg, double[] other,
                                            InvariantReport... otherInvariants) {
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        List<RunResult> pgRuns = new ArrayList<>();
        List<RunResult> otherRuns = new ArrayList<>();
        for (int round = 0; round < pg.length; round++) {
            pgRuns.add(ComparisonFixtures.run(comparison.variants().get(0), round + 1, pg[round], 4, OK));
            otherRuns.add(ComparisonFixtures.run(comparison.variants().get(1), round + 1, other[round], 2,
                    otherInvariants.length > round ? otherInvariants[round] : OK));
        }
        runs.put("pg", pgRuns);
        runs.put("other", otherRuns);
        return ComparisonCalculator.compare(comparison, 9, List.of("round 1: pg, other"), runs);
    }

    @Test
    void aVariantOfEqualDurabilityGetsTheVerdictWithItsInterval() throws Exception {
        ComparisonResult result = compare(comparison("{engine: tigerbeetle, replicas: 3}"),
                new double[] {100, 100, 100}, new double[] {2000, 2500, 2200});

        VariantRatio ratio = result.ratios().getFirst();
        assertThat(ratio.equalDurability()).isTrue();
        assertThat(ratio.throughput().ratio()).isBetween(22.2, 22.3);
        assertThat(ratio.p99().ratio()).isBetween(0.45, 0.55);
        assertThat(result.verdict()).isEqualTo("other is 22.2x [16.8x, 29.4x] the throughput of pg"
                + " (equal durability: 3 nodes, 2 durable copies per commit).");
    }

    @Test
    void anIntervalThatSpansOneIsNoMeasurableDifferenceNeverAWinner() throws Exception {
        ComparisonResult result = compare(comparison("{engine: tigerbeetle, replicas: 3}"),
                new double[] {100, 100, 100}, new double[] {105, 96, 101});

        assertThat(result.verdict()).startsWith("No measurable difference in throughput between other and pg")
                .contains("spans 1");
    }

    @Test
    void withoutAVariantOfTheBaselinesDurabilityThereIsNoVerdict() throws Exception {
        ComparisonResult result = compare(comparison("{engine: tigerbeetle, replicas: 1}"),
                new double[] {100, 100, 100}, new double[] {900, 1000, 1100});

        assertThat(result.ratios().getFirst().equalDurability()).isFalse();
        assertThat(result.ratios().getFirst().throughput()).as("the ratio is still shown").isNotNull();
        assertThat(result.verdict()).startsWith("No verdict: no variant has the durability of pg"
                + " (3 nodes, 2 durable copies per commit)");
    }

    @Test
    void anInvalidRoundIsShownWithItsReasonAndLeftOutOfTheRatio() throws Exception {
        ComparisonResult result = compare(comparison("{engine: tigerbeetle, replicas: 3}"),
                new double[] {100, 100, 100}, new double[] {2000, 2500, 2200}, OK, BROKEN, OK);

        assertThat(result.variant("other").invalidRounds()).singleElement().asString()
                .startsWith("round 2: invariant check failed");
        assertThat(result.ratios().getFirst().throughput().pairs()).isEqualTo(2);
        assertThat(result.ratios().getFirst().excludedRounds()).containsExactly("round 2: other was invalid");
        assertThat(result.variant("other").validRounds()).isEqualTo(2);
        assertThat(result.variant("other").aggregate().runs()).as("headline figures from the valid rounds only")
                .isEqualTo(2);
    }

    @Test
    void durabilityCountsNodesAndDurableCopiesPerCommit() throws Exception {
        BenchmarkComparison comparison = comparison("{engine: postgresql, replicas: 3, postgresql:"
                + " {synchronousCommit: remote_apply, synchronousStandbys: 2}}");
        DurabilityLevel strict = DurabilityLevel.of(comparison.variants().get(1).run().spec().database());
        DurabilityLevel fair = DurabilityLevel.of(comparison.variants().get(0).run().spec().database());

        assertThat(fair.shortLabel()).isEqualTo("3 nodes, 2 durable copies per commit");
        assertThat(strict.shortLabel()).isEqualTo("3 nodes, 3 durable copies per commit");
        assertThat(strict.sameAs(fair)).isFalse();
    }

    @Test
    void saturationSearchesAreComparedByTheRatioOfTheirSustainableRatesWithItsInterval() throws Exception {
        BenchmarkComparison comparison = ComparisonFixtures.saturationComparison();
        ComparisonResult result = ComparisonCalculator.compare(comparison, 9, List.of("round 1: pg, other"),
                ComparisonFixtures.saturationRuns(comparison, new double[] {1000, 1000, 1000},
                        new double[] {20_000, 22_000, 24_000}));

        RatioEstimate sustainable = result.ratios().getFirst().sustainableRate();
        // The paired ratios' geometric mean, as for throughput.
        assertThat(sustainable.ratio()).isCloseTo(Math.cbrt(20.0 * 22 * 24), within(1e-9));
        assertThat(sustainable.ci95Low()).isLessThan(22);
        assertThat(sustainable.ci95High()).isGreaterThan(22);
        assertThat(result.verdict()).startsWith("other is 21.9x [").endsWith("the sustainable rate of pg (equal"
                + " durability: 3 nodes, 2 durable copies per commit).");
        assertThat(ComparisonTable.render(result)).contains("sustainable/s [95% CI]").contains("1000.0");
    }

    @Test
    void aSearchThatNeverFailedARateGivesALowerBoundAndSoNoRatioOfSustainableRates() throws Exception {
        BenchmarkComparison comparison = ComparisonFixtures.saturationComparison();
        Map<String, List<RunResult>> runs = ComparisonFixtures.saturationRuns(comparison, new double[] {1000, 1000, 1000},
                new double[] {20_000, 22_000, 24_000});
        runs.get("other").set(1, ComparisonFixtures.saturationRun(comparison.variants().get(1), 2, 22_000, false));

        ComparisonResult result = ComparisonCalculator.compare(comparison, 9, List.of("round 1: pg, other"), runs);

        VariantRatio ratio = result.ratios().getFirst();
        assertThat(ratio.sustainableRate()).isNull();
        assertThat(ratio.excludedRounds()).containsExactly("round 2: other's search never failed a rate, so its"
                + " sustainable rate is only a lower bound: no ratio of sustainable rates");
        assertThat(result.verdict()).as("the verdict falls back to throughput").contains("the throughput of pg");
    }
}
