package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.Event;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.time.Instant;

/**
 * The Kubernetes Event on a BenchmarkRun for a fault it injected (`kubectl describe` shows it): a Warning
 * with reason FaultInjected, or Normal FaultRecovered once the node's pod is back. Each (run, fault, what)
 * has one name, so recording it again after an operator restart does not count it twice.
 */
public final class FaultEvent {

    public static final String INJECTED = "FaultInjected";
    public static final String RECOVERED = "FaultRecovered";

    private FaultEvent() {
    }

    public static Event build(BenchmarkRun owner, int run, int fault, String reason, String message, Instant now) {
        String name = owner.getMetadata().getName() + ".r" + run + ".fault-" + fault + "."
                + (INJECTED.equals(reason) ? "injected" : "recovered");
        return PhaseEvent.event(owner, name, INJECTED.equals(reason) ? "Warning" : "Normal", reason, message, now);
    }
}
