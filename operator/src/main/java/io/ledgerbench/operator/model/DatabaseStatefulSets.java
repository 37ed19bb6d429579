package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.driver.postgres.PostgresServerSettings;
import io.ledgerbench.loadgen.spec.DatabaseSpec;
import io.ledgerbench.loadgen.spec.StorageSpec;
import io.ledgerbench.loadgen.spec.StorageType;
import io.ledgerbench.loadgen.spec.TigerBeetleMemory;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.storage.StorageProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The database StatefulSet per engine: one pod per node (required anti-affinity), placement,
 * resources and storage from the spec, and an init container that reports which device backs the
 * data directory and what its disks are (its termination message, read by the operator's storage check).
 */
public final class DatabaseStatefulSets {

    /** Where localNvme storage is mounted on the node (the node group's bootstrap mounts the instance store there). */
    public static final String LOCAL_NVME_HOST_PATH = "/mnt/nvme/ledgerbench";
    public static final String STORAGE_CHECK_CONTAINER = "storage-check";
    public static final String CONFIG_HASH_ANNOTATION = "ledgerbench.io/config-hash";
    /** The postgres image's postgres user. */
    public static final long POSTGRES_UID = 999;
    /** Set by the StatefulSet controller (Kubernetes 1.28+): the pod's ordinal. */
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private static final String DATA_VOLUME = "data";
    private static final String CONFIG_VOLUME = "config";

    private DatabaseStatefulSets() {
    }

    /** The labels the StatefulSet selects and the anti-affinity spreads: stable for the life of the benchmark. */
    public static Map<String, String> podSelector(String benchmark) {
        return ClusterLabels.selector(benchmark, ClusterLabels.DATABASE);
    }

    public static StatefulSet postgres(BenchmarkRun owner, String configHash) {
        ResourceNames names = new ResourceNames(owner.getMetadata().getName());
        DatabaseSpec database = owner.getSpec().database();
        int port = PostgresServerSettings.PORT;
        String primaryHost = names.databasePrimaryService() + "." + owner.getMetadata().getNamespace() + ".svc";
        Container postgres = new ContainerBuilder()
                .withName("postgres")
                .withImage(database.image())
                .withCommand("bash", DatabaseConfig.MOUNT_PATH + "/" + DatabaseConfig.START_SCRIPT)
                .withEnv(env("PGDATA", DatabaseConfig.DATA_PATH + "/pgdata"), env("PRIMARY_HOST", primaryHost),
                        new EnvVarBuilder().withName("PGPASSWORD").withNewValueFrom().withNewSecretKeyRef()
                                .withName(names.databaseSecret()).withKey(DatabaseSecret.PASSWORD_KEY)
                                .endSecretKeyRef().endValueFrom().build())
                .addNewPort().withName("postgres").withContainerPort(port).endPort()
                .withReadinessProbe(new ProbeBuilder()
                        .withNewExec().withCommand("pg_isready", "-h", "127.0.0.1", "-p", Integer.toString(port),
                                "-U", DatabaseSecret.USER).endExec()
                        .withPeriodSeconds(5).withFailureThreshold(3).build())
                .withLivenessProbe(tcpProbe(port))
                .withResources(PodPlacement.resources(database.resources()))
                .withVolumeMounts(mounts())
                .withNewSecurityContext().withRunAsUser(POSTGRES_UID).withRunAsGroup(POSTGRES_UID)
                .withAllowPrivilegeEscalation(false).endSecurityContext()
                .build();
        // Runs as root only to hand a node directory (localNvme) to the postgres user.
        Container storageCheck = storageCheck(database.image(),
                "chown " + POSTGRES_UID + ":" + POSTGRES_UID + " " + DatabaseConfig.DATA_PATH + " && ");
        return statefulSet(owner, configHash, List.of(storageCheck), postgres);
    }

    /** replicaAddresses: each replica Service's ClusterIP with the port, in replica order. */
    public static StatefulSet tigerbeetle(BenchmarkRun owner, String configHash, List<String> replicaAddresses) {
        DatabaseSpec database = owner.getSpec().database();
        List<EnvVar> environment = List.of(
                new EnvVarBuilder().withName("REPLICA_INDEX").withNewValueFrom().withNewFieldRef()
                        .withFieldPath("metadata.labels['" + POD_INDEX_LABEL + "']").endFieldRef().endValueFrom().build(),
                env("REPLICA_COUNT", Integer.toString(database.replicas())),
                env("CLUSTER_ID", Long.toString(database.tigerbeetle().clusterId())),
                env("ADDRESSES", String.join(",", replicaAddresses)),
                env("CACHE_GRID", TigerBeetleMemory.cacheGrid(database.resources())));
        Container format = tigerbeetleContainer("format", database, DatabaseConfig.FORMAT_SCRIPT, environment).build();
        Container start = tigerbeetleContainer("tigerbeetle", database, DatabaseConfig.START_SCRIPT, environment)
                .addNewPort().withName("tigerbeetle").withContainerPort(DatabaseConfig.TIGERBEETLE_PORT).endPort()
                .withReadinessProbe(tcpProbe(DatabaseConfig.TIGERBEETLE_PORT))
                .withResources(PodPlacement.resources(database.resources()))
                .build();
        return statefulSet(owner, configHash, List.of(storageCheck(database.image(), ""), format), start);
    }

    private static ContainerBuilder tigerbeetleContainer(String name, DatabaseSpec database, String script,
                                                         List<EnvVar> environment) {
        // io_uring is blocked by containerd's RuntimeDefault seccomp profile; IPC_LOCK lets TigerBeetle lock its memory.
        return new ContainerBuilder()
                .withName(name)
                .withImage(database.image())
                .withCommand("sh", DatabaseConfig.MOUNT_PATH + "/" + script)
                .withEnv(environment)
                .withVolumeMounts(mounts())
                .withNewSecurityContext()
                .withNewSeccompProfile().withType("Unconfined").endSeccompProfile()
                .withNewCapabilities().withAdd("IPC_LOCK").endCapabilities()
                .endSecurityContext();
    }

    /**
     * Writes what the data directory is on (device, disks, their models) to the termination message:
     * the storage check reads it there.
     */
    private static Container storageCheck(String image, String before) {
        return new ContainerBuilder()
                .withName(STORAGE_CHECK_CONTAINER)
                .withImage(image)
                .withCommand("sh", "-c", before + "{\n" + StorageProbe.script(DatabaseConfig.DATA_PATH) + "} > "
                        + StorageProbe.REPORT_FILE)
                .withVolumeMounts(mounts())
                .withNewSecurityContext().withRunAsUser(0L).endSecurityContext()
                .build();
    }

    private static StatefulSet statefulSet(BenchmarkRun owner, String configHash, List<Container> initContainers,
                                           Container container) {
        String benchmark = owner.getMetadata().getName();
        ResourceNames names = new ResourceNames(benchmark);
        DatabaseSpec database = owner.getSpec().database();
        Map<String, String> labels = ClusterLabels.of(benchmark, ClusterLabels.DATABASE);
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName(CONFIG_VOLUME).withNewConfigMap()
                .withName(names.databaseConfig()).endConfigMap().build());
        StorageSpec storage = database.storage();
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        switch (storage.type()) {
            case EMPTY_DIR -> volumes.add(new VolumeBuilder().withName(DATA_VOLUME).withNewEmptyDir().endEmptyDir().build());
            case LOCAL_NVME -> volumes.add(new VolumeBuilder().withName(DATA_VOLUME).withNewHostPath()
                    .withPath(LOCAL_NVME_HOST_PATH + "/" + owner.getMetadata().getNamespace() + "/" + benchmark)
                    .withType("DirectoryOrCreate").endHostPath().build());
            case PVC -> claims.add(new PersistentVolumeClaimBuilder()
                    .withNewMetadata().withName(DATA_VOLUME).withLabels(labels).endMetadata()
                    .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storage.storageClassName())
                    .withNewResources().withRequests(Map.of("storage", new Quantity(storage.size()))).endResources()
                    .endSpec().build());
        }
        return new StatefulSetBuilder()
                .withMetadata(Owners.metadata(owner, names.databaseStatefulSet(), labels))
                .withNewSpec()
                .withReplicas(database.replicas())
                .withServiceName(names.databaseHeadlessService())
                // Standbys retry until the primary answers and TigerBeetle needs its replicas together: start all at once.
                .withPodManagementPolicy("Parallel")
                // The operator replaces pods itself, all at once, when a new run needs a fresh TigerBeetle cluster:
                // a rolling update would mix replicas of two runs' data files.
                .withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
                .withNewSelector().withMatchLabels(podSelector(benchmark)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).withAnnotations(Map.of(CONFIG_HASH_ANNOTATION, configHash))
                .endMetadata()
                .withSpec(new PodSpecBuilder()
                        .withInitContainers(initContainers)
                        .withContainers(container)
                        .withVolumes(volumes)
                        .withNodeSelector(PodPlacement.nodeSelector(database.placement()))
                        .withTolerations(PodPlacement.tolerations(database.placement()))
                        .withAffinity(PodPlacement.onePerNode(podSelector(benchmark)))
                        .withNewSecurityContext().withFsGroup(storage.type() == StorageType.PVC ? POSTGRES_UID : null)
                        .endSecurityContext()
                        .withTerminationGracePeriodSeconds(60L)
                        .build())
                .endTemplate()
                .withVolumeClaimTemplates(claims)
                .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Delete").withWhenScaled("Delete")
                .endPersistentVolumeClaimRetentionPolicy()
                .endSpec()
                .build();
    }

    private static List<VolumeMount> mounts() {
        return List.of(
                new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath(DatabaseConfig.DATA_PATH).build(),
                new VolumeMountBuilder().withName(CONFIG_VOLUME).withMountPath(DatabaseConfig.MOUNT_PATH)
                        .withReadOnly(true).build());
    }

    private static Probe tcpProbe(int port) {
        return new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket()
                .withPeriodSeconds(10).withFailureThreshold(6).build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
