package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
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
import io.ledgerbench.loadgen.measure.RoundTripProbe;
import io.ledgerbench.loadgen.metrics.MetricsServer;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.LoadgenSpec;
import io.ledgerbench.loadgen.spec.PlacementSpec;
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
    public static final String NETWORK_PROBE = "network-probe";
    public static final String METRICS_PORT_NAME = "metrics";

    private LoadgenJobs() {
    }

    /** tigerbeetleAddresses: every replica's IP:port in replica order (TigerBeetle only; empty for PostgreSQL). */
    public static Job prepare(BenchmarkRun owner, int run, List<String> tigerbeetleAddresses) {
        List<String> args = new ArrayList<>(List.of("prepare", SPEC_PATH));
        args.addAll(databaseArgs(owner, tigerbeetleAddresses));
        return job(owner, run, new ResourceNames(owner.getMetadata().getName()).prepareJob(run), PREPARE, 1, false, args);
    }

    public static Job load(BenchmarkRun owner, int run, List<String> tigerbeetleAddresses) {
        List<String> args = new ArrayList<>(List.of("run", SPEC_PATH));
        args.addAll(databaseArgs(owner, tigerbeetleAddresses));
        args.addAll(List.of("--cluster-run", Integer.toString(run)));
        int parallelism = owner.getSpec().loadgen().parallelism();
        Job job = job(owner, run, new ResourceNames(owner.getMetadata().getName()).loadJob(run), LOAD, parallelism, true,
                args);
        clientDelay(owner.getSpec().network()).ifPresent(delay ->
                job.getSpec().getTemplate().getSpec().setInitContainers(List.of(delay)));
        return job;
    }

    /** The image of the init container that adds spec.network's client round trip: it has iproute2's tc (pinned). */
    public static final String NETWORK_DELAY_IMAGE = "docker.io/nicolaka/netshoot:v0.13";
    public static final String NETWORK_DELAY_CONTAINER = "network-delay";
    static final int NETEM_QUEUE_PACKETS = 100_000;

    /**
     * With spec.network.clientRoundTrip, an init container that adds it to every packet the load-generator pod
     * sends (`tc qdisc replace dev eth0 root netem delay ...`): the whole round trip on the way out, so every
     * request and its answer are that much further apart. It needs NET_ADMIN in the pod's own network namespace
     * (a namespace whose Pod Security admits it, and netem in the nodes' kernel); the load generator itself
     * stays unprivileged. A loss is applied to the packets it sends only, as the chance that a request or its
     * answer is lost ({@code 1 - (1 - loss)^2}): to every destination, DNS and the API server too (the pod cannot
     * tell the database's addresses before it starts). Off (empty) without a client round trip or loss.
     */
    static java.util.Optional<Container> clientDelay(io.ledgerbench.loadgen.spec.NetworkSpec network) {
        java.time.Duration roundTrip = network.clientRoundTripDuration();
        if (roundTrip.isZero() && network.lossPercent() == 0) {
            return java.util.Optional.empty();
        }
        // netem's queue holds 1000 packets by default and drops beyond: a delay of milliseconds at high rates fills it.
        List<String> command = new ArrayList<>(List.of("tc", "qdisc", "replace", "dev", "eth0", "root", "netem",
                "limit", Integer.toString(NETEM_QUEUE_PACKETS), "delay", roundTrip.toNanos() / 1000 + "us"));
        if (!network.jitterDuration().isZero()) {
            command.add(network.jitterDuration().toNanos() / 1000 + "us");
        }
        if (network.lossPercent() > 0) {
            double eitherWay = 1 - Math.pow(1 - network.lossFraction(), 2);
            command.addAll(List.of("loss", String.format(java.util.Locale.ROOT, "%.4f%%", eitherWay * 100)));
        }
        return java.util.Optional.of(new ContainerBuilder()
                .withName(NETWORK_DELAY_CONTAINER)
                .withImage(NETWORK_DELAY_IMAGE)
                .withCommand(command)
                .withResources(new ResourceRequirementsBuilder()
                        .withRequests(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("16Mi")))
                        .withLimits(Map.of("memory", new Quantity("64Mi"))).build())
                .withNewSecurityContext().withRunAsUser(0L).withRunAsNonRoot(false).withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false).withNewCapabilities().withAdd("NET_ADMIN").withDrop("ALL")
                .endCapabilities().endSecurityContext()
                .build());
    }

    public static Job verify(BenchmarkRun owner, int run, List<String> tigerbeetleAddresses) {
        List<String> args = new ArrayList<>(List.of("verify", SPEC_PATH));
        args.addAll(databaseArgs(owner, tigerbeetleAddresses));
        args.addAll(List.of("--cluster-run", Integer.toString(run)));
        return job(owner, run, new ResourceNames(owner.getMetadata().getName()).verifyJob(run), VERIFY, 1, false, args);
    }

    /**
     * One pod on each database node (beside a database pod, one per node) measuring round trips to
     * the others; its pods find each other by name through {@link #networkProbeService}.
     */
    public static Job networkProbe(BenchmarkRun owner) {
        ResourceNames names = new ResourceNames(owner.getMetadata().getName());
        int replicas = owner.getSpec().database().replicas();
        List<String> peers = new ArrayList<>();
        for (int index = 0; index < replicas; index++) {
            peers.add(names.networkProbeHost(index) + ":" + RoundTripProbe.DEFAULT_PORT);
        }
        List<String> args = List.of("probe-network", SPEC_PATH, "--peers", String.join(",", peers),
                "--port", Integer.toString(RoundTripProbe.DEFAULT_PORT));
        Map<String, String> labels = ClusterLabels.of(owner.getMetadata().getName(), ClusterLabels.NETWORK_PROBE);
        PodSpec pod = podSpec(owner, args, owner.getSpec().database().placement());
        pod.setSubdomain(names.networkProbeService());
        pod.setAffinity(PodPlacement.onePerNodeBeside(networkProbeSelector(owner),
                DatabaseStatefulSets.podSelector(owner.getMetadata().getName())));
        pod.getContainers().getFirst().setPorts(List.of(new ContainerPortBuilder().withName("echo")
                .withContainerPort(RoundTripProbe.DEFAULT_PORT).build()));
        // Beside a running database: ask for little, so it fits whatever the database left.
        pod.getContainers().getFirst().setResources(new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("256Mi")))
                .withLimits(Map.of("memory", new Quantity("512Mi"))).build());
        return new JobBuilder()
                .withMetadata(Owners.metadata(owner, names.networkProbeJob(), labels))
                .withNewSpec()
                .withCompletions(replicas).withParallelism(replicas).withCompletionMode("Indexed").withBackoffLimit(0)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(pod).endTemplate()
                .endSpec()
                .build();
    }

    /** Headless: gives each network-probe pod a DNS name (its Indexed Job hostname under this subdomain). */
    public static Service networkProbeService(BenchmarkRun owner) {
        ResourceNames names = new ResourceNames(owner.getMetadata().getName());
        return new ServiceBuilder()
                .withMetadata(Owners.metadata(owner, names.networkProbeService(),
                        ClusterLabels.of(owner.getMetadata().getName(), ClusterLabels.NETWORK_PROBE)))
                .withNewSpec().withClusterIP("None").withSelector(networkProbeSelector(owner))
                .withPublishNotReadyAddresses(true)
                .addNewPort().withName("echo").withPort(RoundTripProbe.DEFAULT_PORT).endPort()
                .endSpec()
                .build();
    }

    private static Map<String, String> networkProbeSelector(BenchmarkRun owner) {
        return ClusterLabels.selector(owner.getMetadata().getName(), ClusterLabels.NETWORK_PROBE);
    }

    /**
     * How a load-generator pod reaches the database: PostgreSQL's primary Service (the password comes
     * from the Secret), or every TigerBeetle replica's address (the cluster id is in the spec it reads).
     */
    static List<String> databaseArgs(BenchmarkRun owner, List<String> tigerbeetleAddresses) {
        ResourceNames names = new ResourceNames(owner.getMetadata().getName());
        if (owner.getSpec().database().engine() == EngineType.TIGERBEETLE) {
            return List.of("--tigerbeetle-addresses", String.join(",", tigerbeetleAddresses));
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
                .withSpec(podSpec(owner, args, owner.getSpec().loadgen().placement()))
                .endTemplate()
                .endSpec()
                .build();
    }

    private static PodSpec podSpec(BenchmarkRun owner, List<String> args, PlacementSpec placement) {
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
                // The Prometheus endpoint every loadgen subcommand that measures serves (its default port).
                .addNewPort().withName(METRICS_PORT_NAME).withContainerPort(MetricsServer.DEFAULT_PORT).endPort()
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
                .withNodeSelector(PodPlacement.nodeSelector(placement))
                .withTolerations(PodPlacement.tolerations(placement))
                .build();
    }
}
