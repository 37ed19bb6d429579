package io.ledgerbench.loadgen.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.InvalidSpecException;
import io.ledgerbench.loadgen.spec.PostgresMode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ComparisonLoaderTest {

    private static final String COMPARISON = """
            apiVersion: ledgerbench.io/v1alpha1
            kind: BenchmarkComparison
            metadata: {name: modes}
            spec:
              baseline: %s
              database: {engine: postgresql, replicas: 1, postgresql: {poolSize: 8}}
              variants:
                - name: procedure
                  database: {postgresql: {mode: procedure}}
                - %s
              workload: {accounts: 100, warmup: 1s, duration: 2s}
              runs: 2
            """;

    private static BenchmarkComparison load(String baseline, String secondVariant) throws InvalidSpecException {
        return new ComparisonLoader().parse(COMPARISON.formatted(baseline, secondVariant), "test.yaml");
    }

    private static String refusal(String baseline, String secondVariant) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(InvalidSpecException.class,
                () -> load(baseline, secondVariant)).getMessage();
    }

    @Test
    void eachVariantIsABenchmarkRunOfTheSharedPartWithItsDatabaseMergedOverTheSharedOne() throws Exception {
        BenchmarkComparison comparison = load("procedure", "{name: batched, database: {postgresql: {mode: batched}}}");

        assertThat(comparison.name()).isEqualTo("modes");
        assertThat(comparison.rounds()).isEqualTo(2);
        assertThat(comparison.variants()).extracting(Variant::name).containsExactly("procedure", "batched");
        Variant batched = comparison.variants().get(1);
        assertThat(batched.run().name()).isEqualTo("modes-batched");
        assertThat(batched.run().spec().database().engine()).isEqualTo(EngineType.POSTGRESQL);
        assertThat(batched.run().spec().database().postgresql().mode()).isEqualTo(PostgresMode.BATCHED);
        assertThat(batched.run().spec().database().postgresql().poolSize()).as("from the shared database").isEqualTo(8);
        assertThat(batched.run().spec().workload().accounts()).isEqualTo(100);
        assertThat(comparison.baselineVariant().name()).isEqualTo("procedure");
    }

    @Test
    void aBaselineThatIsNoVariantIsRefusedNamingTheVariants() {
        assertThat(refusal("fastest", "{name: batched}"))
                .contains("invalid BenchmarkComparison test.yaml", "spec.baseline: 'fastest' is not a variant;"
                        + " allowed: procedure, batched");
    }

    @Test
    void twoVariantsWithOneNameAreRefused() {
        assertThat(refusal("procedure", "{name: procedure, database: {postgresql: {mode: batched}}}"))
                .contains("spec.variants[1].name: 'procedure' names two variants");
    }

    @Test
    void aVariantThatChangesTheWorkloadIsRefused() {
        assertThat(refusal("procedure", "{name: bigger, workload: {accounts: 1000000}}"))
                .contains("spec.variants[1].workload: a variant overrides only database");
    }

    @Test
    void aBadDatabaseFieldOfAVariantIsNamedWhereItIs() {
        assertThat(refusal("procedure", "{name: odd, database: {postgresql: {mode: sideways}}}"))
                .contains("spec.variants[1].database.postgresql.mode", "'sideways' is not allowed", "variant odd");
    }

    @Test
    void aVariantWhoseBenchmarkRunNameWouldBeTooLongIsRefused() {
        assertThat(refusal("procedure", "{name: a-variant-name-much-too-long-for-kubernetes}"))
                .contains("spec.variants[1].name: 'modes-a-variant-name-much-too-long-for-kubernetes-r2'",
                        "longer than 45 characters");
    }

    @Test
    void aVariantDatabaseThatIsNoMappingIsRefused() {
        assertThat(refusal("procedure", "{name: batched, database: tigerbeetle}"))
                .contains("spec.variants[1].database: expected a mapping");
    }

    @Test
    void aComparisonNeedsAtLeastTwoVariants() {
        String one = """
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkComparison
                metadata: {name: alone}
                spec:
                  baseline: procedure
                  variants: [{name: procedure}]
                """;
        assertThatThrownBy(() -> new ComparisonLoader().parse(one, "one.yaml"))
                .hasMessageContaining("spec.variants: required: a list of at least 2 variants");
    }

    @Test
    void aComparisonOfMoreThanEightVariantsIsRefused() {
        StringBuilder variants = new StringBuilder();
        for (int i = 0; i <= BenchmarkComparisonSpec.MAX_VARIANTS; i++) {
            variants.append(i == 0 ? "" : ", ").append("{name: v").append(i).append('}');
        }
        String many = """
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkComparison
                metadata: {name: many}
                spec:
                  baseline: v0
                  variants: [%s]
                """.formatted(variants);
        assertThatThrownBy(() -> new ComparisonLoader().parse(many, "many.yaml"))
                .hasMessageContaining("spec.variants: 9 variants: at most 8");
    }

    @Test
    void theShippedLocalExampleLoads() throws Exception {
        BenchmarkComparison comparison = new ComparisonLoader()
                .load(Path.of("..", "manifests", "examples", "local-postgres-modes.yaml"));
        assertThat(comparison.variants()).extracting(Variant::name).containsExactly("procedure", "batched", "interactive");
        assertThat(comparison.baseline()).isEqualTo("procedure");
    }

    @Test
    void theShippedTigerBeetleAgainstPostgresExampleComparesEqualDurability() throws Exception {
        BenchmarkComparison comparison = new ComparisonLoader()
                .load(Path.of("..", "manifests", "examples", "local-tigerbeetle-vs-postgres.yaml"));
        assertThat(comparison.variants()).extracting(Variant::name)
                .containsExactly("tigerbeetle", "pg-procedure", "pg-batched");
        DurabilityLevel baseline = DurabilityLevel.of(comparison.baselineVariant().run().spec().database());
        for (Variant variant : comparison.variants()) {
            assertThat(DurabilityLevel.of(variant.run().spec().database()).sameAs(baseline)).as(variant.name()).isTrue();
        }
    }
}
