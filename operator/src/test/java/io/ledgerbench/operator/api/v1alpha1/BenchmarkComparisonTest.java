package io.ledgerbench.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.ledgerbench.loadgen.comparison.ComparisonLoader;
import io.ledgerbench.loadgen.comparison.DurabilityLevel;
import io.ledgerbench.loadgen.comparison.Variant;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped cluster comparison, as kubectl sends it, is a comparison the operator can run. */
class BenchmarkComparisonTest {

    private static final Path EXAMPLE = Path.of("../manifests/examples/tigerbeetle-vs-postgresql.yaml");

    @Test
    void theClusterExampleBecomesOneBenchmarkRunPerVariantOfEqualDurability() throws Exception {
        BenchmarkComparison resource = Serialization.unmarshal(Files.readString(EXAMPLE), BenchmarkComparison.class);

        var comparison = new ComparisonLoader().fromResource(resource.getMetadata().getName(), resource.getSpec(),
                EXAMPLE.toString());

        assertThat(comparison.variants()).extracting(Variant::name)
                .containsExactly("tigerbeetle", "pg-procedure", "pg-batched");
        DurabilityLevel baseline = DurabilityLevel.of(comparison.baselineVariant().run().spec().database());
        for (Variant variant : comparison.variants()) {
            assertThat(DurabilityLevel.of(variant.run().spec().database()).sameAs(baseline)).as(variant.name()).isTrue();
            assertThat(variant.run().spec().database().placement().nodeSelector())
                    .containsEntry("ledgerbench.io/node-group", "database");
        }
        assertThat(comparison.rounds()).isEqualTo(3);
    }
}
