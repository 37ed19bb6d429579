package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.ClusterLabels;
import io.ledgerbench.loadgen.cluster.PodResult;
import io.ledgerbench.loadgen.cluster.PodSaturation;
import io.ledgerbench.loadgen.cluster.PodStep;
import io.ledgerbench.loadgen.cluster.RoundTrips;
import io.ledgerbench.loadgen.cluster.RunVerification;
import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.measure.BatchSizeHistograms;
import io.ledgerbench.loadgen.measure.LatencyHistograms;
import io.ledgerbench.loadgen.measure.PhaseCounts;
import io.ledgerbench.loadgen.measure.PhaseMeasurement;
import io.ledgerbench.loadgen.fault.AvailabilityAnalysis;
import io.ledgerbench.loadgen.measure.Measurements;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.result.Environments;
import io.ledgerbench.loadgen.result.LatencySummary;
import io.ledgerbench.loadgen.spec.LoadMode;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.dependent.ClusterFacts;
import io.ledgerbench.operator.dependent.JobProgress;
import io.ledgerbench.operator.model.DatabaseStatefulSets;
import io.ledgerbench.operator.model.LoadgenJobs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * What kubelets, the StatefulSet and Job controllers, the load-generator pods and the garbage
 * collector would do, played on an API server (the mock, or a real one with no controllers) one step
 * per {@link #tick()}: database pods appear from the current template (ready, storage on NVMe) unless
 * told otherwise, Services get ClusterIPs, load pods report ready, wait for the barrier, store results;
 * verify pods store checks. The pods talk to the server as their ServiceAccount would (pod clients).
 */
final class SimulatedCluster {

    static final String DEVICE = "/dev/nvme1n1";
    /** What the storage probe of an i4i's database pod reports: its data on the instance-store disk. */
    static final String INSTANCE_STORE_REPORT = "device " + DEVICE + "\ndisk nvme1n1 Amazon EC2 NVMe Instance Storage";
    /** What it reports where the instance store was not mounted: the directory on the root EBS volume. */
    static final String ROOT_EBS_REPORT = "device /dev/nvme0n1p1\ndisk nvme0n1 Amazon Elastic Block Store";

    private final KubernetesClient client;
    private final String namespace;
    private final Function<String, KubernetesClient> podClients;
    private final Set<String> neverReadyPods = new HashSet<>();
    private final Set<String> heldBack = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failingLoadPod = new HashMap<>();
    private final Set<String> failingVerifyPod = new HashSet<>();
    private final AtomicInteger databasePodsCreated = new AtomicInteger();
    private final Map<Integer, Set<String>> configurationsPrepared = new HashMap<>();
    private final AtomicInteger nextIp = new AtomicInteger(10);
    private String storageReport = INSTANCE_STORE_REPORT;
    private boolean violateInvariants;

    /**
     * @param client     what the controllers and kubelets use (anything goes)
     * @param podClients benchmark name -> the client its load-generator pods use (their ServiceAccount's)
     */
    SimulatedCluster(KubernetesClient client, String namespace, Function<String, KubernetesClient> podClients) {
        this.client = client;
        this.namespace = namespace;
        this.podClients = podClients;
    }

    /** Three database nodes (i4i) and three load-generator nodes, labelled as the example specs select. */
    SimulatedCluster withNodes() {
        for (int i = 0; i < 3; i++) {
            for (Node node : List.of(node("db-" + i, "database", "i4i.xlarge"), node("lg-" + i, "loadgen", "c5.large"))) {
                if (client.nodes().withName(node.getMetadata().getName()).get() == null) { // nodes outlive namespaces
                    client.nodes().resource(node).create();
                }
            }
        }
        return this;
    }

    /** The StatefulSet does not recreate this pod until {@link #bringBack}: a node slow to return. */
    void holdBack(String podName) {
        heldBack.add(podName);
    }

    void bringBack(String podName) {
        heldBack.remove(podName);
    }

    void neverReady(String podName) {
        neverReadyPods.add(podName);
    }

    void failLoadPod(String benchmark, int run, int index) {
        failingLoadPod.put(benchmark + "/" + run, index);
    }

    /** The verify pod of that run dies before it stores a check (e.g. the database went away). */
    void failVerifyPod(String benchmark, int run) {
        failingVerifyPod.add(benchmark + "/" + run);
    }

    /** What the database pods' storage probes report from now on. */
    void storageReport(String report) {
        storageReport = report;
    }

    void violateInvariants() {
        violateInvariants = true;
    }

    int databasePodsCreated() {
        return databasePodsCreated.get();
    }

    /** run -> the config-hash annotations of the database pods when that run's prepare Job ran. */
    Map<Integer, Set<String>> configurationsPrepared() {
        return Map.copyOf(configurationsPrepared);
    }

    /** One round of everything the cluster's controllers and pods would do next. */
    void tick() {
        finishTerminatingPods();
        assignClusterIps();
        client.apps().statefulSets().inNamespace(namespace).list().getItems().forEach(this::runStatefulSet);
        client.batch().v1().jobs().inNamespace(namespace).list().getItems().forEach(this::runJob);
    }

    /**
     * The kubelet's part of deleting a pod: a real API server only marks a pod on a node as terminating
     * (graceful deletion) until its kubelet reports the containers stopped and deletes it for good.
     */
    void finishTerminatingPods() {
        for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
            }
        }
    }

    private void assignClusterIps() {
        for (Service service : client.services().inNamespace(namespace).list().getItems()) {
            if (service.getSpec().getClusterIP() == null) {
                service.getSpec().setClusterIP("10.96.0." + nextIp.getAndIncrement());
                client.resource(service).update();
            }
        }
    }

    private void runStatefulSet(StatefulSet statefulSet) {
        for (int index = 0; index < statefulSet.getSpec().getReplicas(); index++) {
            String name = statefulSet.getMetadata().getName() + "-" + index;
            if (client.pods().inNamespace(namespace).withName(name).get() != null || heldBack.contains(name)) {
                continue;
            }
            Map<String, String> labels = new HashMap<>(statefulSet.getSpec().getTemplate().getMetadata().getLabels());
            labels.put(DatabaseStatefulSets.POD_INDEX_LABEL, Integer.toString(index));
            Pod pod = new PodBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                    .withAnnotations(statefulSet.getSpec().getTemplate().getMetadata().getAnnotations())
                    .withOwnerReferences(ownedBy(statefulSet)).endMetadata()
                    .withSpec(statefulSet.getSpec().getTemplate().getSpec())
                    .build();
            pod.getSpec().setNodeName("db-" + index);
            PodStatus status = neverReadyPods.contains(name) ? crashLooping(pod) : ready(pod);
            createWithStatus(pod, status);
            databasePodsCreated.incrementAndGet();
        }
    }

    private Set<String> databasePodConfigurations(String benchmark) {
        Set<String> hashes = new HashSet<>();
        client.pods().inNamespace(namespace).withLabels(DatabaseStatefulSets.podSelector(benchmark)).list().getItems()
                .forEach(pod -> hashes.add(pod.getMetadata().getAnnotations().get(DatabaseStatefulSets.CONFIG_HASH_ANNOTATION)));
        return hashes;
    }

    private PodStatus ready(Pod pod) {
        return new PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .withInitContainerStatuses(new ContainerStatusBuilder().withName(DatabaseStatefulSets.STORAGE_CHECK_CONTAINER)
                        .withNewState().withNewTerminated().withExitCode(0).withMessage(storageReport + "\n")
                        .endTerminated().endState().build())
                .build();
    }

    private PodStatus crashLooping(Pod pod) {
        return new PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("False").endCondition()
                .withContainerStatuses(new ContainerStatusBuilder().withName(pod.getSpec().getContainers().getFirst().getName())
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off 5m0s restarting failed container").endWaiting().endState().build())
                .build();
    }

    private void runJob(Job job) {
        if (job.getStatus() != null && job.getStatus().getConditions() != null && !job.getStatus().getConditions().isEmpty()) {
            return; // finished
        }
        Map<String, String> labels = job.getMetadata().getLabels();
        String benchmark = labels.get(ClusterLabels.INSTANCE);
        String owner = job.getMetadata().getOwnerReferences().getFirst().getUid();
        ClusterExchange exchange = new ClusterExchange(podClients.apply(benchmark), namespace, benchmark, owner);
        if (ClusterLabels.NETWORK_PROBE.equals(labels.get(ClusterLabels.COMPONENT))) {
            probeNetwork(job, exchange);
            return;
        }
        int run = Integer.parseInt(labels.get(ClusterLabels.RUN));
        switch (labels.get(ClusterLabels.STEP)) {
            case LoadgenJobs.PREPARE -> {
                configurationsPrepared.put(run, databasePodConfigurations(benchmark));
                finish(job, true);
            }
            case LoadgenJobs.LOAD -> runLoadPods(job, exchange, benchmark, run);
            case LoadgenJobs.VERIFY -> verify(job, exchange, benchmark, run);
            default -> throw new IllegalStateException("unknown step of " + job.getMetadata().getName());
        }
    }

    /** Each probe pod measures the others: 0.2 ms plus 0.1 ms per index apart, so pairs can be told apart. */
    private void probeNetwork(Job job, ClusterExchange exchange) {
        int pods = job.getSpec().getCompletions();
        for (int index = 0; index < pods; index++) {
            Map<Integer, LatencySummary> toPod = new HashMap<>();
            for (int peer = 0; peer < pods; peer++) {
                if (peer != index) {
                    Histogram roundTrips = LatencyHistograms.newHistogram();
                    roundTrips.recordValueWithCount(200_000L + 100_000L * Math.abs(peer - index), 100);
                    toPod.put(peer, LatencySummary.of(roundTrips));
                }
            }
            exchange.reportRoundTrips(new RoundTrips(index, "db-" + index, toPod));
        }
        finish(job, true);
    }

    private void runLoadPods(Job job, ClusterExchange exchange, String benchmark, int run) {
        int pods = job.getSpec().getCompletions();
        Integer failing = failingLoadPod.get(benchmark + "/" + run);
        if (failing != null) {
            failPod(job, failing, "error: the start barrier of run " + run + " was not released within 600 s");
            finish(job, false);
            return;
        }
        if (!exchange.startReleased(run)) {
            for (int index = 0; index < pods; index++) {
                exchange.reportReady(run, index);
            }
            return;
        }
        // Started as long ago as the spec's warmup and measurement take: the measurement window just ended.
        BenchmarkRun owner = client.resources(BenchmarkRun.class).inNamespace(namespace).withName(benchmark).get();
        Instant finishedAt = Instant.now();
        Instant startedAt = finishedAt.minus(owner.getSpec().workload().warmupDuration())
                .minus(owner.getSpec().workload().measurementDuration());
        if (owner.getSpec().workload().mode() == LoadMode.SATURATION) {
            searchTogether(exchange, run, pods, startedAt, finishedAt);
            finish(job, true);
            return;
        }
        if (!owner.getSpec().faults().isEmpty()) {
            var faults = exchange.faults(run);
            if (faults.size() < owner.getSpec().faults().size()
                    || faults.values().stream().anyMatch(fault -> fault.restartedAtNanos() == null && fault.error() == null)) {
                return; // still measuring: the operator injects the run's faults and sees their nodes return meanwhile
            }
            reportWithOutage(exchange, run, pods, owner, startedAt, finishedAt);
            finish(job, true);
            return;
        }
        for (int index = 0; index < pods; index++) {
            RunMeasurement measured = Measurements.pod(index, 1000L + 100L * run + index, 2_000L + 100L * index,
                    new long[] {100, 100}, 0.4);
            exchange.reportResult(PodResult.of(run, index, "lg-" + index, startedAt, finishedAt,
                    measured, "PostgreSQL 18.1", "vertx-pg-client 5"));
        }
        finish(job, true);
    }

    /**
     * Pods that answered 10 transfers per 100 ms each, but for 300 ms from the moment the first fault was applied
     * (a pause while a standby is lost), over the spec's warmup and measurement.
     */
    private static void reportWithOutage(ClusterExchange exchange, int run, int pods, BenchmarkRun owner,
                                         Instant startedAt, Instant finishedAt) {
        long warmupNanos = owner.getSpec().workload().warmupDuration().toNanos();
        long measurementNanos = owner.getSpec().workload().measurementDuration().toNanos();
        int buckets = (int) ((warmupNanos + measurementNanos) / AvailabilityAnalysis.BUCKET_NANOS);
        long appliedAt = exchange.faults(run).get(0).appliedAtNanos();
        int outage = (int) ((warmupNanos + appliedAt) / AvailabilityAnalysis.BUCKET_NANOS);
        for (int index = 0; index < pods; index++) {
            long[] timeline = new long[buckets];
            java.util.Arrays.fill(timeline, 10);
            java.util.Arrays.fill(timeline, outage, Math.min(buckets, outage + 3), 0);
            RunMeasurement shape = Measurements.pod(index, 1000L + 100L * run + index, 2_000L + 100L * index,
                    new long[] {100, 100}, 0.4);
            RunMeasurement measured = new RunMeasurement(shape.warmup(), shape.measurement(), measurementNanos,
                    shape.answeredPerSecond(), shape.clientCpuMax(), shape.clientJitSeconds(), null, timeline);
            exchange.reportResult(PodResult.of(run, index, "lg-" + index, startedAt, finishedAt,
                    measured, "PostgreSQL 18.1", "vertx-pg-client 5"));
        }
    }

    /**
     * The pods' shares of a saturation search on a database that sustains 3000/s at a p99 of 4 ms: a probe at
     * 4500/s, then 1500/s and 3000/s held, 6000/s missed (p99 80 ms, 3600/s achieved).
     */
    private static void searchTogether(ClusterExchange exchange, int run, int pods, Instant startedAt,
                                       Instant finishedAt) {
        for (int index = 0; index < pods; index++) {
            PodStep probe = stepShare(run, index, 0, 0, 4500.0 / pods, 10_000, startedAt, finishedAt);
            List<PodStep> steps = List.of(
                    stepShare(run, index, 1, 1500, 1500.0 / pods, 2_000, startedAt, finishedAt),
                    stepShare(run, index, 2, 3000, 3000.0 / pods, 4_000, startedAt, finishedAt),
                    stepShare(run, index, 3, 6000, 3600.0 / pods, 80_000, startedAt, finishedAt));
            exchange.reportResult(PodResult.of(run, index, "lg-" + index, startedAt, finishedAt,
                    steps.get(1).measured().measurement(), "PostgreSQL 18.1", "vertx-pg-client 5")
                    .withSaturation(new PodSaturation(probe, steps, 1500, "resolution reached")));
        }
    }

    /** One pod's share of a 10 s step: achievedPerSec x 10 completed transfers, each taking latencyMicros. */
    private static PodStep stepShare(int run, int index, int step, double offeredPerSec, double achievedPerSec,
                                     long latencyMicros, Instant startedAt, Instant finishedAt) {
        Histogram latency = LatencyHistograms.newHistogram();
        long completed = Math.round(achievedPerSec * 10);
        latency.recordValueWithCount(latencyMicros * 1_000, completed);
        PhaseCounts none = new PhaseCounts(0, 0, 0, 0, 0, 0, Map.of(), Map.of());
        RunMeasurement measured = new RunMeasurement(
                new PhaseMeasurement(none, LatencyHistograms.newHistogram(), LatencyHistograms.newHistogram(),
                        BatchSizeHistograms.newHistogram()),
                new PhaseMeasurement(new PhaseCounts(completed, 0, 0, 0, 0, 0, Map.of(), Map.of()), latency,
                        latency.copy(), BatchSizeHistograms.newHistogram()),
                10_000_000_000L, new long[] {completed / 10}, 0.3, 0, null);
        return new PodStep(step, offeredPerSec, PodResult.of(run, index, "lg-" + index, startedAt, finishedAt,
                measured, "PostgreSQL 18.1", "vertx-pg-client 5"));
    }

    private void verify(Job job, ClusterExchange exchange, String benchmark, int run) {
        if (failingVerifyPod.contains(benchmark + "/" + run)) {
            failPod(job, 0, "error: cannot connect to PostgreSQL at " + benchmark + "-db-primary:5432");
            finish(job, false);
            return;
        }
        BenchmarkRun owner = client.resources(BenchmarkRun.class).inNamespace(namespace).withName(benchmark).get();
        long accounts = owner.getSpec().workload().accounts();
        long total = accounts * owner.getSpec().workload().initialBalance();
        List<PodResult> pods = exchange.podResults(run);
        long completed = pods.stream().mapToLong(PodResult::completedInAllPhases).sum();
        InvariantReport report = InvariantReport.check(accounts, total, accounts, violateInvariants ? total - 7 : total, 0,
                completed, pods.stream().mapToLong(PodResult::inDoubtInAllPhases).sum(), completed);
        exchange.reportVerification(run, new RunVerification(report, Environments.postgres()));
        finish(job, report.ok()); // the verify pod exits 1 after storing a failed check
    }

    private void failPod(Job job, int index, String message) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(job.getMetadata().getName() + "-" + index + "-x7k2p").withNamespace(namespace)
                .withLabels(Map.of(JobProgress.JOB_NAME_LABEL, job.getMetadata().getName()))
                .withOwnerReferences(ownedBy(job)).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build();
        pod.getSpec().setNodeName("lg-" + index);
        createWithStatus(pod, new PodStatusBuilder().withPhase("Failed")
                .withContainerStatuses(new ContainerStatusBuilder().withName("loadgen").withImage(
                        pod.getSpec().getContainers().getFirst().getImage()).withNewState().withNewTerminated()
                        .withExitCode(4).withReason("Error").withMessage(message).endTerminated().endState().build())
                .build());
    }

    /** As a kubelet would: the API server keeps no status given at creation, so it is written after. */
    private void createWithStatus(Pod pod, PodStatus status) {
        Pod created = client.resource(pod).create();
        created.setStatus(status);
        client.resource(created).updateStatus();
    }

    /** The status the Job controller writes at the end: the terminal condition after its target condition. */
    private void finish(Job job, boolean succeeded) {
        int completions = job.getSpec().getCompletions();
        String now = Instant.now().toString();
        JobStatusBuilder status = new JobStatusBuilder().withStartTime(now)
                .withSucceeded(succeeded ? completions : 0).withFailed(succeeded ? 0 : 1)
                .withConditions(
                        new JobConditionBuilder().withType(succeeded ? "SuccessCriteriaMet" : "FailureTarget")
                                .withStatus("True").build(),
                        new JobConditionBuilder().withType(succeeded ? "Complete" : "Failed").withStatus("True").build());
        if (succeeded) {
            status.withCompletionTime(now);
            if ("Indexed".equals(job.getSpec().getCompletionMode())) {
                status.withCompletedIndexes(completions == 1 ? "0" : "0-" + (completions - 1));
            }
        }
        job.setStatus(status.build());
        client.resource(job).updateStatus();
    }

    /** The garbage collector: deletes every object whose owner is gone, until nothing more goes. */
    void collectGarbage() {
        boolean deleted;
        do {
            Set<String> uids = new HashSet<>();
            List<HasMetadata> all = everything();
            all.forEach(object -> uids.add(object.getMetadata().getUid()));
            List<BenchmarkRun> runs = client.resources(BenchmarkRun.class).inAnyNamespace().list().getItems();
            runs.forEach(run -> uids.add(run.getMetadata().getUid()));
            client.resources(io.ledgerbench.operator.api.v1alpha1.BenchmarkComparison.class).inAnyNamespace().list()
                    .getItems().forEach(comparison -> uids.add(comparison.getMetadata().getUid()));
            all.addAll(runs); // a comparison's children go with it
            deleted = false;
            for (HasMetadata object : all) {
                List<OwnerReference> owners = Optional.ofNullable(object.getMetadata().getOwnerReferences()).orElse(List.of());
                if (!owners.isEmpty() && owners.stream().noneMatch(reference -> uids.contains(reference.getUid()))) {
                    client.resource(object).delete();
                    deleted = true;
                }
            }
        } while (deleted);
    }

    /** Every object of the kinds the operator and its pods create, in the namespace. */
    List<HasMetadata> everything() {
        List<HasMetadata> all = new ArrayList<>();
        Stream.<List<? extends HasMetadata>>of(
                client.configMaps().inNamespace(namespace).list().getItems(),
                client.secrets().inNamespace(namespace).list().getItems(),
                client.services().inNamespace(namespace).list().getItems(),
                client.serviceAccounts().inNamespace(namespace).list().getItems(),
                client.rbac().roles().inNamespace(namespace).list().getItems(),
                client.rbac().roleBindings().inNamespace(namespace).list().getItems(),
                client.apps().statefulSets().inNamespace(namespace).list().getItems(),
                client.batch().v1().jobs().inNamespace(namespace).list().getItems(),
                client.pods().inNamespace(namespace).list().getItems()).forEach(all::addAll);
        return all;
    }

    private static OwnerReference ownedBy(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true).build();
    }

    private static Node node(String name, String group, String instanceType) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("ledgerbench.io/node-group", group, ClusterFacts.INSTANCE_TYPE_LABEL, instanceType))
                .endMetadata().build();
    }
}
