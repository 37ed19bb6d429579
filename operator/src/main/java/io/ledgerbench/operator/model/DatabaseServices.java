package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.driver.postgres.PostgresServerSettings;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Services in front of the database pods: headless (stable pod DNS), PostgreSQL's primary, TigerBeetle's per-replica addresses. */
public final class DatabaseServices {

    /** Set by the StatefulSet controller on each pod: selects one replica. */
    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

    private DatabaseServices() {
    }

    public static int port(BenchmarkRun owner) {
        return owner.getSpec().database().engine() == EngineType.TIGERBEETLE
                ? DatabaseConfig.TIGERBEETLE_PORT : PostgresServerSettings.PORT;
    }

    /** Headless: gives every pod a DNS name, ready or not, so standbys can find the primary while it starts. */
    public static Service headless(BenchmarkRun owner) {
        String benchmark = owner.getMetadata().getName();
        return service(owner, new ResourceNames(benchmark).databaseHeadlessService(),
                DatabaseStatefulSets.podSelector(benchmark))
                .editSpec().withClusterIP("None").withPublishNotReadyAddresses(true).endSpec()
                .build();
    }

    /** PostgreSQL's primary is pod 0: clients and standbys connect here. */
    public static Service primary(BenchmarkRun owner) {
        String benchmark = owner.getMetadata().getName();
        ResourceNames names = new ResourceNames(benchmark);
        return service(owner, names.databasePrimaryService(), replicaSelector(benchmark, names.databasePod(0))).build();
    }

    /** TigerBeetle replica i: release 0.16.30 takes addresses as IP literals only, so each replica gets a stable ClusterIP. */
    public static Service replica(BenchmarkRun owner, int replica) {
        String benchmark = owner.getMetadata().getName();
        ResourceNames names = new ResourceNames(benchmark);
        return service(owner, names.databaseReplicaService(replica),
                replicaSelector(benchmark, names.databasePod(replica))).build();
    }

    private static Map<String, String> replicaSelector(String benchmark, String podName) {
        Map<String, String> selector = new LinkedHashMap<>(DatabaseStatefulSets.podSelector(benchmark));
        selector.put(POD_NAME_LABEL, podName);
        return selector;
    }

    private static ServiceBuilder service(BenchmarkRun owner, String name, Map<String, String> selector) {
        int port = port(owner);
        return new ServiceBuilder()
                .withMetadata(Owners.metadata(owner, name,
                        ClusterLabels.of(owner.getMetadata().getName(), ClusterLabels.DATABASE)))
                .withNewSpec()
                .withSelector(selector)
                .addNewPort().withName("database").withPort(port).withTargetPort(new IntOrString(port))
                .withProtocol("TCP").endPort()
                .endSpec();
    }
}
