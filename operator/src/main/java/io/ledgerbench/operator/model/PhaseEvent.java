package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.time.Instant;
import java.util.Locale;

/**
 * The Kubernetes Event on a BenchmarkRun for one phase change (`kubectl describe` shows them).
 * Each (run, phase) has one name, so creating it again after a restart does not record it twice.
 */
public final class PhaseEvent {

    public static final String COMPONENT = "ledgerbench-operator";

    private PhaseEvent() {
    }

    public static Event build(BenchmarkRun owner, BenchmarkPhase phase, int run, String message, Instant now) {
        String name = owner.getMetadata().getName() + "." + phase.name().toLowerCase(Locale.ROOT) + ".r" + run;
        return event(owner, name, phase == BenchmarkPhase.Failed ? "Warning" : "Normal", phase.name(), message, now);
    }

    /** An Event of this name about the BenchmarkRun, from the operator. */
    static Event event(BenchmarkRun owner, String name, String type, String reason, String message, Instant now) {
        return new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(owner.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind()).withName(owner.getMetadata().getName())
                .withNamespace(owner.getMetadata().getNamespace()).withUid(owner.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .build();
    }
}
