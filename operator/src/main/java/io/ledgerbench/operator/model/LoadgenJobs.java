package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.PodEnvironment;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.driver.postgres.PostgresServerSettings;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.LoadgenSpec;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The load-generator Jobs of one run: prepare (reset the database, load accounts), load (an
 * Indexed Job of `parallelism` pods that wait for the start barrier) and verify (invariants).
 * backoffLimit 0: a pod that fails is a failed run, never a silent second attempt.
 */
public final class LoadgenJobs {

    public static final String SPEC_MOUNT_PATH = "/etc/ledgerbench/spec";
    public static final String SPEC_FILE = "benchmark.yaml";
    public static final String SPEC_PATH = SPEC_MOUNT_PATH + "/" + SPEC_FILE;
    public static final String PREPARE = "prepare";
    public static final String LOAD = "load";
    public static final String VERIFY = "verify";

    private LoadgenJobs() {
    }

    public static Job prepare(BenchmarkRun owner, int run) {
        List<String> args = new ArrayList<>(List.of("prepare", SPEC_PATH));
        args.addAll(databaseArgs(owner));
        return job(owner, run, new ResourceNames(owner.getMetadata().getName()).prepareJob(run), PREPARE, 1, false, args);
    }

    public static Job load(BenchmarkRun owner, int run) {
        List<String> args = new ArrayList<>(List.of("run", SPEC_PATH));
        args.addAll(databaseArgs(owner));
        args.addAll(List.of("--cluster-run", Integer.toString(run)));
        int parallelism = owner.getSpec().loadgen().parallelism();
        return job(owner, run, new ResourceNames(owner.getMetadata().getName()).loadJob(run), LOAD, parallelism, true, args);
    }

    public static Job verify(BenchmarkRun owner, int run) {
        List<String> args = new ArrayList<>(List.of("verify", SPEC_PATH));
        args.addAll(databaseArgs(owner));
        args.addAll(List.of("--cluster-run", Integer.toString(run)));
        return job(owner, run, new ResourceNames(owner.getMetadata().getName()).verifyJob(run), VERIFY, 1, false, args);
    }

    /** How a load-generator pod reaches the database: PostgreSQL's primary Service (the password comes from the Secret). */
    static List<String> databaseArgs(BenchmarkRun owner) {
        ResourceNames names = new ResourceNames(owner.getMetadata().getName());
        if (owner.getSpec().database().engine() == EngineType.TIGERBEETLE) {
            return List.of("--tigerbeetle-cluster-id", Long.toString(owner.getSpec().database().tigerbeetle().clusterId()));
        }
        return List.of("--postgres-url", "postgresql://" + DatabaseSecret.USER + "@" + names.databasePrimaryService() + "."
                + owner.getMetadata().getNamespace() + ".svc:" + PostgresServerSettings.PORT + "/ledgerbench");
    }

    private static Job job(BenchmarkRun owner, int run, String name, String step, int pods, boolean indexed,
                           List<String> args) {
        String benchmark = owner.getMetadata().getName();
        Map<String, String> labels = ClusterLabels.ofRun(benchmark, ClusterLabels.LOADGEN, run);
        labels.put(ClusterLabels.STEP, step);
        return new JobBuilder()
                .withMetadata(Owners.metadata(owner, name, labels))
                .withNewSpec()
                .withCompletions(pods)
                .withParallelism(pods)
                .withCompletionMode(indexed ? "Indexed" : "NonIndexed")
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(podSpec(owner, args))
                .endTemplate()
                .endSpec()
                .build();
    }

    private static PodSpec podSpec(BenchmarkRun owner, List<String> args) {
        ResourceNames names = new ResourceNames(owner.getMetadata().getName());
        LoadgenSpec loadgen = owner.getSpec().loadgen();
        List<EnvVar> environment = new ArrayList<>();
        environment.add(new EnvVarBuilder().withName(PodEnvironment.NAMESPACE).withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
        environment.add(new EnvVarBuilder().withName(PodEnvironment.OWNER_UID)
                .withValue(owner.getMetadata().getUid()).build());
        environment.add(new EnvVarBuilder().withName(PodEnvironment.NODE_NAME).withNewValueFrom().withNewFieldRef()
                .withFieldPath("spec.nodeName").endFieldRef().endValueFrom().build());
        if (owner.getSpec().database().engine() == EngineType.POSTGRESQL) {
            environment.add(new EnvVarBuilder().withName("PGPASSWORD").withNewValueFrom().withNewSecretKeyRef()
                    .withName(names.databaseSecret()).withKey(DatabaseSecret.PASSWORD_KEY).endSecretKeyRef()
                    .endValueFrom().build());
        }
        Container container = new ContainerBuilder()
                .withName("loadgen")
                .withImage(loadgen.image())
                .withArgs(args)
                .withEnv(environment)
                .withResources(PodPlacement.resources(loadgen.resources()))
                .withVolumeMounts(
                        new VolumeMountBuilder().withName("spec").withMountPath(SPEC_MOUNT_PATH).withReadOnly(true).build(),
                        new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
                .withNewSecurityContext().withRunAsNonRoot(true).withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .build();
        return new PodSpecBuilder()
                .withServiceAccountName(names.loadgenServiceAccount())
                .withRestartPolicy("Never")
                .withContainers(container)
                .withVolumes(
                        new VolumeBuilder().withName("spec").withNewConfigMap().withName(names.specConfigMap())
                                .endConfigMap().build(),
                        new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build())
                .withNodeSelector(PodPlacement.nodeSelector(loadgen.placement()))
                .withTolerations(PodPlacement.tolerations(loadgen.placement()))
                .build();
    }
}
