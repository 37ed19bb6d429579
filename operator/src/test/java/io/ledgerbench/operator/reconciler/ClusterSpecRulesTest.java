package io.ledgerbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.FaultSpec;
import io.ledgerbench.loadgen.spec.NetworkSpec;
import io.ledgerbench.loadgen.spec.SpecViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSpecRulesTest {

    private static BenchmarkRunSpec with(NetworkSpec network, List<FaultSpec> faults) {
        return new BenchmarkRunSpec(null, null, null, null, null, null, network, faults);
    }

    @Test
    void aRestartDelayIsRefusedBecauseTheStatefulSetBringsThePodBackAtOnce() {
        assertThat(ClusterSpecRules.violations(with(null, List.of(new FaultSpec("standby-1", null, "5s", "10s")))))
                .extracting(SpecViolation::field).containsExactly("spec.faults[0].restartAfter");
    }

    @Test
    void aDelayBetweenNodesIsRefusedOnKubernetes() {
        assertThat(ClusterSpecRules.violations(with(new NetworkSpec(null, "1ms", null), List.of())))
                .extracting(SpecViolation::field).containsExactly("spec.network.nodeRoundTrip");
    }

    @Test
    void aClientDelayAndFaultsWithoutRestartDelayAreAccepted() {
        assertThat(ClusterSpecRules.violations(with(new NetworkSpec("10ms", null, null),
                List.of(new FaultSpec("primary", null, "5s", null))))).isEmpty();
    }
}
