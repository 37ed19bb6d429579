package io.ledgerbench.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * Creates the objects the model builds, idempotently: an object that exists is left as it is, so
 * a reconcile repeated after a restart changes nothing (a generated password or a drawn seed never
 * changes) and never writes what it already wrote (no event, no hot loop).
 */
public final class OwnedObjects {

    private final KubernetesClient client;

    public OwnedObjects(KubernetesClient client) {
        this.client = client;
    }

    /** Creates desired unless an object of its kind and name exists; returns what is in the cluster. */
    public <T extends HasMetadata> T createIfAbsent(T desired) {
        T existing = client.resource(desired).get();
        if (existing != null) {
            return existing;
        }
        try {
            return client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return client.resource(desired).get(); // created by a previous attempt a moment ago
            }
            throw e;
        }
    }

    public <T extends HasMetadata> T get(T like) {
        return client.resource(like).get();
    }

    /** Replaces the object with desired (keeping what the API server owns) when it differs. */
    public <T extends HasMetadata> T replace(T desired) {
        return client.resource(desired).unlock().createOr(existing -> existing.update());
    }

    public void delete(HasMetadata object) {
        client.resource(object).delete();
    }
}
