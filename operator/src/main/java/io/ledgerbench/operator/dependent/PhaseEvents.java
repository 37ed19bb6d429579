package io.ledgerbench.operator.dependent;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.model.PhaseEvent;
import java.net.HttpURLConnection;
import java.time.Instant;

/** Records a phase change (or any Event of the operator's) once; one that already exists (a repeated reconcile) is left as it is. */
public final class PhaseEvents {

    private final KubernetesClient client;

    public PhaseEvents(KubernetesClient client) {
        this.client = client;
    }

    public void phaseChanged(BenchmarkRun owner, BenchmarkPhase phase, int run, String message, Instant now) {
        createOnce(PhaseEvent.build(owner, phase, run, message, now));
    }

    /** Creates the Event unless one of its name exists (each Event's name says what it records). */
    public void createOnce(Event event) {
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }
}
