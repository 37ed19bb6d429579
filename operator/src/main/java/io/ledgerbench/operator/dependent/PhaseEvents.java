package io.ledgerbench.operator.dependent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.model.PhaseEvent;
import java.net.HttpURLConnection;
import java.time.Instant;

/** Records a phase change as an Event; one that already exists (a repeated reconcile) is left as it is. */
public final class PhaseEvents {

    private final KubernetesClient client;

    public PhaseEvents(KubernetesClient client) {
        this.client = client;
    }

    public void phaseChanged(BenchmarkRun owner, BenchmarkPhase phase, int run, String message, Instant now) {
        try {
            client.v1().events().inNamespace(owner.getMetadata().getNamespace())
                    .resource(PhaseEvent.build(owner, phase, run, message, now)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }
}
