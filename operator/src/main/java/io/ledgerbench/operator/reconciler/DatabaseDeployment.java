package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.dependent.DatabasePods;
import io.ledgerbench.operator.dependent.OwnedObjects;
import io.ledgerbench.operator.model.DatabaseConfig;
import io.ledgerbench.operator.model.DatabaseServices;
import io.ledgerbench.operator.model.DatabaseStatefulSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings the database to the configuration of a run and says when it is ready. PostgreSQL keeps
 * one configuration for all runs (each run recreates the database instead); TigerBeetle formats a
 * new data file per run, so a new run replaces every replica's pod at once.
 */
final class DatabaseDeployment {

    /** Ready, with the pods that serve the run; or the outcome to report instead. */
    record State(Optional<StepOutcome> notReady, List<Pod> pods) {
    }

    private final KubernetesClient client;
    private final OwnedObjects objects;
    private final DatabasePods databasePods;

    DatabaseDeployment(KubernetesClient client) {
        this.client = client;
        this.objects = new OwnedObjects(client);
        this.databasePods = new DatabasePods(client);
    }

    State ensure(BenchmarkRun owner, int run) {
        ConfigMap config = DatabaseConfig.forRun(owner, run);
        ConfigMap current = objects.createIfAbsent(config);
        if (!Objects.equals(current.getData(), config.getData())) {
            objects.replace(config);
        }
        String configHash = DatabaseConfig.hash(config);
        Optional<StatefulSet> desired = statefulSet(owner, configHash);
        if (desired.isEmpty()) {
            return new State(Optional.of(new StepOutcome.Wait("a ClusterIP for every TigerBeetle replica Service")),
                    List.of());
        }
        StatefulSet existing = objects.createIfAbsent(desired.get());
        if (!Objects.equals(templateHash(existing), configHash)) {
            objects.replace(desired.get());
        }
        DatabasePods.Readiness readiness = databasePods.readiness(owner, configHash);
        // OnDelete: the StatefulSet recreates a deleted pod from the current template, with the new configuration.
        readiness.stale().forEach(objects::delete);
        if (!readiness.ready()) {
            return new State(Optional.of(new StepOutcome.Wait("database pods ready: "
                    + String.join(", ", readiness.notReady()))), readiness.pods());
        }
        return new State(Optional.empty(), readiness.pods());
    }

    private Optional<StatefulSet> statefulSet(BenchmarkRun owner, String configHash) {
        if (owner.getSpec().database().engine() != EngineType.TIGERBEETLE) {
            return Optional.of(DatabaseStatefulSets.postgres(owner, configHash));
        }
        return tigerbeetleAddresses(owner).map(addresses -> DatabaseStatefulSets.tigerbeetle(owner, configHash, addresses));
    }

    /**
     * Every TigerBeetle replica's address (its Service's ClusterIP and port), in replica order, once
     * every Service has its ClusterIP; empty for PostgreSQL, which clients reach by Service name.
     */
    Optional<List<String>> tigerbeetleAddresses(BenchmarkRun owner) {
        if (owner.getSpec().database().engine() != EngineType.TIGERBEETLE) {
            return Optional.of(List.of());
        }
        List<String> addresses = new ArrayList<>();
        for (int replica = 0; replica < owner.getSpec().database().replicas(); replica++) {
            Service service = objects.get(DatabaseServices.replica(owner, replica));
            String clusterIp = service == null || service.getSpec() == null ? null : service.getSpec().getClusterIP();
            if (clusterIp == null || clusterIp.isBlank() || "None".equals(clusterIp)) {
                return Optional.empty();
            }
            addresses.add(clusterIp + ":" + DatabaseConfig.TIGERBEETLE_PORT);
        }
        return Optional.of(addresses);
    }

    private static String templateHash(StatefulSet statefulSet) {
        var annotations = statefulSet.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(DatabaseStatefulSets.CONFIG_HASH_ANNOTATION);
    }

    /** Deletes the database when the spec's cleanup policy asks for it: StatefulSet, Services, configuration, credentials. */
    void deleteIfAsked(BenchmarkRun owner) {
        if (!owner.getSpec().cleanup().deleteDatabase()) {
            return;
        }
        ResourceNames names = new ResourceNames(owner.getMetadata().getName());
        String namespace = owner.getMetadata().getNamespace();
        client.apps().statefulSets().inNamespace(namespace).withName(names.databaseStatefulSet()).delete();
        client.services().inNamespace(namespace).withName(names.databaseHeadlessService()).delete();
        client.services().inNamespace(namespace).withName(names.databasePrimaryService()).delete();
        for (int replica = 0; replica < owner.getSpec().database().replicas(); replica++) {
            client.services().inNamespace(namespace).withName(names.databaseReplicaService(replica)).delete();
        }
        client.configMaps().inNamespace(namespace).withName(names.databaseConfig()).delete();
        client.secrets().inNamespace(namespace).withName(names.databaseSecret()).delete();
    }
}
