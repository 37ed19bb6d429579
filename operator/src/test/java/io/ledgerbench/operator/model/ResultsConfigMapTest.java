package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsConfigMapTest {

    @Test
    void isNamedAfterTheBenchmarkAndOwnedByIt() {
        ConfigMap results = ResultsConfigMap.build(Benchmarks.postgres(), Map.of(ResultsConfigMap.runKey(1), "{}"));
        assertThat(results.getMetadata().getName()).isEqualTo("pg-fair-medium-results");
        assertThat(results.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(Benchmarks.UID));
        assertThat(results.getData()).containsOnlyKeys("run-1.json");
        ValidKubernetesObjects.assertValidOwnedObject(results);
    }

    @Test
    void aRunKeyReadsBackAsItsRunAndOtherKeysAsNone() {
        assertThat(ResultsConfigMap.runOfKey(ResultsConfigMap.runKey(12))).isEqualTo(12);
        assertThat(ResultsConfigMap.runOfKey(ResultsConfigMap.AGGREGATE_KEY)).isEqualTo(-1);
        assertThat(ResultsConfigMap.runOfKey("run-x.json")).isEqualTo(-1);
    }
}
