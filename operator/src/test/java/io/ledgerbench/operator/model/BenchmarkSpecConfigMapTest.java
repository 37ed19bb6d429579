package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.SpecLoader;
import org.junit.jupiter.api.Test;

class BenchmarkSpecConfigMapTest {

    @Test
    void podsReadTheSameSpecWithTheOperatorsSeed() throws Exception {
        var configMap = BenchmarkSpecConfigMap.build(Benchmarks.postgres(), 42L);
        BenchmarkRunManifest manifest = new SpecLoader().parse(configMap.getData().get(LoadgenJobs.SPEC_FILE), "configmap");
        assertThat(manifest.name()).isEqualTo("pg-fair-medium");
        assertThat(manifest.spec()).isEqualTo(Benchmarks.postgres().getSpec().withSeed(42L));
        ValidKubernetesObjects.assertValidOwnedObject(configMap);
    }
}
