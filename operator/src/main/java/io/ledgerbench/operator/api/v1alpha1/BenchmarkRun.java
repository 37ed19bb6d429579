package io.ledgerbench.operator.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;

/** The BenchmarkRun custom resource; its spec is loadgen's spec type, so the two can never disagree. */
@Group("ledgerbench.io")
@Version("v1alpha1")
@Plural("benchmarkruns")
@ShortNames("br")
public class BenchmarkRun extends CustomResource<BenchmarkRunSpec, BenchmarkRunStatus> implements Namespaced {
}
