package io.ledgerbench.operator.dependent;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.Locale;

/**
 * A Kubernetes Event on the BenchmarkRun at each phase change (`kubectl describe` shows them).
 * Each (run, phase) has one Event name, so a reconcile repeated after a restart does not emit it twice.
 */
public final class PhaseEvents {

    private static final String COMPONENT = "ledgerbench-operator";

    private final KubernetesClient client;

    public PhaseEvents(KubernetesClient client) {
        this.client = client;
    }

    public void phaseChanged(BenchmarkRun owner, BenchmarkPhase phase, int run, String message) {
        String name = owner.getMetadata().getName() + "." + phase.name().toLowerCase(Locale.ROOT) + ".r" + run;
        String now = Instant.now().toString();
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(owner.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind()).withName(owner.getMetadata().getName())
                .withNamespace(owner.getMetadata().getNamespace()).withUid(owner.getMetadata().getUid())
                .endInvolvedObject()
                .withType(phase == BenchmarkPhase.Failed ? "Warning" : "Normal")
                .withReason(phase.name())
                .withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .build();
        try {
            client.v1().events().inNamespace(owner.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }
}
