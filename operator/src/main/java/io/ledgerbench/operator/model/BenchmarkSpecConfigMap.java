package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.SpecLoader;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.Map;

/**
 * The BenchmarkRun as the load-generator pods read it: the same YAML `make run` takes, with the
 * workload seed the operator drew, so every pod and every run uses the same seed.
 */
public final class BenchmarkSpecConfigMap {

    private BenchmarkSpecConfigMap() {
    }

    public static ConfigMap build(BenchmarkRun owner, long seed) {
        String benchmark = owner.getMetadata().getName();
        BenchmarkRunManifest document = owner.asManifest();
        BenchmarkRunManifest manifest = new BenchmarkRunManifest(document.apiVersion(), document.kind(),
                document.metadata(), document.spec().withSeed(seed));
        return new ConfigMapBuilder()
                .withMetadata(Owners.metadata(owner, new ResourceNames(benchmark).specConfigMap(),
                        ClusterLabels.of(benchmark, ClusterLabels.CONFIG)))
                .withData(Map.of(LoadgenJobs.SPEC_FILE, new SpecLoader().toYaml(manifest)))
                .build();
    }
}
