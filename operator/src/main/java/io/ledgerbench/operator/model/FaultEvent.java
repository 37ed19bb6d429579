package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
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
        return new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(owner.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind()).withName(owner.getMetadata().getName())
                .withNamespace(owner.getMetadata().getNamespace()).withUid(owner.getMetadata().getUid())
                .endInvolvedObject()
                .withType(INJECTED.equals(reason) ? "Warning" : "Normal")
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .withNewSource().withComponent(PhaseEvent.COMPONENT).endSource()
                .build();
    }
}
