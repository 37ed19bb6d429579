package io.ledgerbench.operator.reconciler;

import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.FaultSpec;
import io.ledgerbench.loadgen.spec.SpecViolation;
import java.util.ArrayList;
import java.util.List;

/** What a valid spec asks that only the local runner can do: refused on Kubernetes, naming the field. */
final class ClusterSpecRules {

    private ClusterSpecRules() {
    }

    static List<SpecViolation> violations(BenchmarkRunSpec spec) {
        List<SpecViolation> violations = new ArrayList<>();
        List<FaultSpec> faults = spec.faults();
        for (int index = 0; index < faults.size(); index++) {
            if (faults.get(index).restartAfter() != null) {
                violations.add(new SpecViolation("spec.faults[" + index + "].restartAfter", "applies to the local"
                        + " runner: on Kubernetes the StatefulSet recreates a deleted pod at once (leave it out)"));
            }
        }
        if (!spec.network().nodeRoundTripDuration().isZero()) {
            violations.add(new SpecViolation("spec.network.nodeRoundTrip", "is added by the local runner only: on"
                    + " Kubernetes the distance between database nodes is the cluster's own (spread them across zones"
                    + " with spec.database.placement; the network probe measures it)"));
        }
        return violations;
    }
}
