package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ledgerbench.loadgen.comparison.BenchmarkComparison;
import io.ledgerbench.loadgen.comparison.ComparisonLoader;
import io.ledgerbench.loadgen.comparison.ComparisonSchedule;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The objects a BenchmarkComparison owns, built from the shipped cluster example. */
class ComparisonChildrenTest {

    private static io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison resource() throws Exception {
        var resource = Serialization.unmarshal(Files.readString(Path.of(
                "../manifests/examples/tigerbeetle-vs-postgresql.yaml")), io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison.class);
        resource.getMetadata().setNamespace(Benchmarks.NAMESPACE);
        resource.getMetadata().setUid(Benchmarks.UID);
        return resource;
    }

    @Test
    void aChildIsOneRunOfItsVariantWithTheRoundsSeedOwnedByTheComparison() throws Exception {
        var resource = resource();
        BenchmarkComparison comparison = new ComparisonLoader().fromResource(resource.getMetadata().getName(),
                resource.getSpec(), "test");
        ComparisonSchedule.Slot slot = ComparisonSchedule.slots(java.util.List.of("tigerbeetle", "pg-procedure",
                "pg-batched"), 3, 7).get(4);

        BenchmarkRun child = ComparisonChildren.child(resource, comparison.variants().get(2), slot, 7);

        assertThat(child.getMetadata().getName()).isEqualTo("tb-vs-pg-" + slot.variant() + "-r2");
        assertThat(child.getSpec().runs()).isEqualTo(1);
        assertThat(child.getSpec().workload().seed()).isEqualTo(slot.seed());
        assertThat(child.getMetadata().getLabels()).containsEntry(ComparisonChildren.ROUND_LABEL, "2")
                .containsEntry(ComparisonChildren.COMPARISON_LABEL, "tb-vs-pg");
        assertThat(child.getMetadata().getAnnotations()).containsEntry(ComparisonChildren.SEED_ANNOTATION, "7");
        ValidKubernetesObjects.assertValidObjectOwnedBy(child, "BenchmarkComparison");
    }

    @Test
    void theResultsConfigMapIsOwnedByTheComparisonAndHoldsItsThreeFiles() throws Exception {
        ConfigMap results = ComparisonResultsConfigMap.build(resource(), "{}", "csv", "<html></html>");

        assertThat(results.getMetadata().getName()).isEqualTo("tb-vs-pg-results");
        assertThat(results.getData()).containsOnlyKeys("comparison.json", "comparison.csv", "report.html");
        ValidKubernetesObjects.assertValidObjectOwnedBy(results, "BenchmarkComparison");
    }
}
