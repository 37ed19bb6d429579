package io.ledgerbench.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.ledgerbench.loadgen.spec.StorageSpec;
import io.ledgerbench.loadgen.spec.StorageType;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseStatefulSetsTest {

    private static final List<String> ADDRESSES = List.of("10.0.0.10:3000", "10.0.0.11:3000", "10.0.0.12:3000");

    private static Container container(StatefulSet set, String name) {
        return set.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> container.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Container initContainer(StatefulSet set, String name) {
        return set.getSpec().getTemplate().getSpec().getInitContainers().stream()
                .filter(container -> container.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).findFirst()
                .map(EnvVar::getValue).orElseThrow();
    }

    @Test
    void postgresRunsOnePodPerReplicaAndNode() {
        StatefulSet set = DatabaseStatefulSets.postgres(Benchmarks.postgres(), "hash");
        assertThat(set.getSpec().getReplicas()).isEqualTo(3);
        PodAffinityTerm term = set.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getFirst();
        assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        assertThat(term.getLabelSelector().getMatchLabels()).isEqualTo(set.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void podsAreReplacedOnlyByTheOperatorAndCarryTheirConfigurationsHash() {
        StatefulSet set = DatabaseStatefulSets.tigerbeetle(Benchmarks.tigerbeetle(), "0123abcd",
                List.of("10.0.0.1:3000", "10.0.0.2:3000", "10.0.0.3:3000"));
        // A rolling update would run replicas of two runs' data files together.
        assertThat(set.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
        assertThat(set.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(DatabaseStatefulSets.CONFIG_HASH_ANNOTATION, "0123abcd");
    }

    @Test
    void postgresIsAValidOwnedWorkload() {
        StatefulSet set = DatabaseStatefulSets.postgres(Benchmarks.postgres(), "hash");
        ValidKubernetesObjects.assertValidOwnedObject(set);
        ValidKubernetesObjects.assertSelectsTemplate(set.getSpec().getSelector(), set.getSpec().getTemplate());
        assertThat(set.getSpec().getServiceName()).isEqualTo("pg-fair-medium-db");
        assertThat(container(set, "postgres").getReadinessProbe().getExec().getCommand()).contains("pg_isready");
        assertThat(container(set, "postgres").getLivenessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(5432);
    }

    @Test
    void postgresTakesPlacementResourcesAndNvmeStorageFromTheSpec() {
        StatefulSet set = DatabaseStatefulSets.postgres(Benchmarks.postgres(), "hash");
        var pod = set.getSpec().getTemplate().getSpec();
        assertThat(pod.getNodeSelector()).containsEntry("ledgerbench.io/node-group", "database");
        assertThat(pod.getTolerations()).singleElement().satisfies(toleration -> {
            assertThat(toleration.getKey()).isEqualTo("ledgerbench.io/dedicated");
            assertThat(toleration.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(container(set, "postgres").getResources().getRequests().get("cpu").toString()).isEqualTo("3");
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getHostPath() != null).singleElement()
                .satisfies(volume -> assertThat(volume.getHostPath().getPath())
                        .isEqualTo("/mnt/nvme/ledgerbench/bench/pg-fair-medium"));
    }

    @Test
    void postgresPasswordComesFromTheGeneratedSecret() {
        Container postgres = container(DatabaseStatefulSets.postgres(Benchmarks.postgres(), "hash"), "postgres");
        assertThat(postgres.getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("PGPASSWORD");
            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pg-fair-medium-db-credentials");
        });
        assertThat(env(postgres, "PRIMARY_HOST")).isEqualTo("pg-fair-medium-db-primary.bench.svc");
    }

    @Test
    void theConfigHashRollsPodsWhenTheConfigChanges() {
        StatefulSet set = DatabaseStatefulSets.postgres(Benchmarks.postgres(), "abc123");
        assertThat(set.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(DatabaseStatefulSets.CONFIG_HASH_ANNOTATION, "abc123");
    }

    @Test
    void aStorageCheckReportsTheDeviceUnderTheDataDirectory() {
        Container check = initContainer(DatabaseStatefulSets.postgres(Benchmarks.postgres(), "hash"),
                DatabaseStatefulSets.STORAGE_CHECK_CONTAINER);
        assertThat(String.join(" ", check.getCommand())).contains("df -P /data").contains("/dev/termination-log");
    }

    @Test
    void pvcStorageUsesAClaimTemplateDeletedWithTheSet() {
        BenchmarkRun run = Benchmarks.postgres();
        var database = run.getSpec().database();
        run.setSpec(new io.ledgerbench.loadgen.spec.BenchmarkRunSpec(
                new io.ledgerbench.loadgen.spec.DatabaseSpec(database.engine(), database.replicas(), database.image(),
                        database.placement(), database.resources(), new StorageSpec(StorageType.PVC, "gp3", "50Gi"),
                        database.postgresql(), database.tigerbeetle()),
                run.getSpec().workload(), run.getSpec().loadgen(), run.getSpec().runs(), run.getSpec().validation(),
                run.getSpec().cleanup(), run.getSpec().network(), run.getSpec().faults()));
        StatefulSet set = DatabaseStatefulSets.postgres(run, "hash");
        assertThat(set.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getSpec().getStorageClassName()).isEqualTo("gp3");
            assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("50Gi");
        });
        assertThat(set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Delete");
    }

    @Test
    void tigerbeetleGetsEveryReplicaAddressAsIpLiterals() {
        StatefulSet set = DatabaseStatefulSets.tigerbeetle(Benchmarks.tigerbeetle(), "hash", ADDRESSES);
        assertThat(env(container(set, "tigerbeetle"), "ADDRESSES"))
                .isEqualTo("10.0.0.10:3000,10.0.0.11:3000,10.0.0.12:3000");
        assertThat(env(container(set, "tigerbeetle"), "REPLICA_COUNT")).isEqualTo("3");
    }

    @Test
    void tigerbeetleSizesItsGridCacheToThePodMemoryLimit() {
        // The example's 24Gi pod: 3Gi for TigerBeetle itself and 1Gi headroom leave 20Gi of grid cache.
        StatefulSet set = DatabaseStatefulSets.tigerbeetle(Benchmarks.tigerbeetle(), "hash", ADDRESSES);
        assertThat(container(set, "tigerbeetle").getResources().getLimits().get("memory").toString()).isEqualTo("24Gi");
        assertThat(env(container(set, "tigerbeetle"), "CACHE_GRID")).isEqualTo("20480MiB");
    }

    @Test
    void tigerbeetleMayUseIoUringAndLockMemory() {
        StatefulSet set = DatabaseStatefulSets.tigerbeetle(Benchmarks.tigerbeetle(), "hash", ADDRESSES);
        for (Container container : List.of(container(set, "tigerbeetle"), initContainer(set, "format"))) {
            assertThat(container.getSecurityContext().getSeccompProfile().getType()).isEqualTo("Unconfined");
            assertThat(container.getSecurityContext().getCapabilities().getAdd()).contains("IPC_LOCK");
        }
    }

    @Test
    void tigerbeetleFormatsInAnInitContainerBeforeItStarts() {
        StatefulSet set = DatabaseStatefulSets.tigerbeetle(Benchmarks.tigerbeetle(), "hash", ADDRESSES);
        assertThat(initContainer(set, "format").getCommand()).containsExactly("sh", "/etc/ledgerbench/format.sh");
        assertThat(container(set, "tigerbeetle").getCommand()).containsExactly("sh", "/etc/ledgerbench/start.sh");
        assertThat(container(set, "tigerbeetle").getReadinessProbe().getTcpSocket().getPort().getIntVal())
                .isEqualTo(3000);
        ValidKubernetesObjects.assertValidOwnedObject(set);
        ValidKubernetesObjects.assertSelectsTemplate(set.getSpec().getSelector(), set.getSpec().getTemplate());
    }

    @Test
    void theReplicaIndexComesFromThePodIndexLabel() {
        StatefulSet set = DatabaseStatefulSets.tigerbeetle(Benchmarks.tigerbeetle(), "hash", ADDRESSES);
        assertThat(container(set, "tigerbeetle").getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("REPLICA_INDEX");
            assertThat(variable.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
        });
    }
}
