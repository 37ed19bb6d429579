package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.resources.ClusterResources;
import io.ledgerbench.operator.dependent.ClusterFacts;
import io.ledgerbench.operator.model.DatabaseStatefulSets;
import io.ledgerbench.operator.resources.ClusterResourceMeter;
import io.ledgerbench.operator.resources.PrometheusClient;
import io.ledgerbench.operator.storage.StorageReport;
import java.util.Map;
import java.util.Objects;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.PodResult;
import io.ledgerbench.loadgen.cluster.PodSaturation;
import io.ledgerbench.loadgen.saturation.MeasuredStep;
import io.ledgerbench.loadgen.saturation.SaturationMeasurement;
import io.ledgerbench.loadgen.spec.LoadMode;
import io.ledgerbench.loadgen.cluster.RunVerification;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.result.ResultCalculator;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.dependent.JobProgress;
import io.ledgerbench.operator.dependent.OwnedObjects;
import io.ledgerbench.operator.dependent.ResultsStore;
import io.ledgerbench.operator.model.LoadgenJobs;
import io.ledgerbench.operator.model.Owners;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * SPEC section 8, steps 2 and 3, for one run: Loading (the database at the run's configuration, the
 * prepare Job resets it and loads the accounts), Running (the load Job; the start barrier released
 * once every pod is ready; every pod's result stored), Verifying (the verify Job checks the
 * invariants; the merged result is stored in the results ConfigMap).
 */
final class RunSteps {

    private final OwnedObjects objects;
    private final JobProgress jobs;
    private final DatabaseDeployment database;
    private final ResultsStore results;
    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final Clock clock;

    RunSteps(KubernetesClient client, OperatorSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.objects = new OwnedObjects(client);
        this.jobs = new JobProgress(client);
        this.database = new DatabaseDeployment(client);
        this.results = new ResultsStore(client);
    }

    StepOutcome load(BenchmarkRun owner, int run) {
        DatabaseDeployment.State state = database.ensure(owner, run);
        if (state.notReady().isPresent()) {
            return state.notReady().get();
        }
        String job = objects.createIfAbsent(LoadgenJobs.prepare(owner, run, addresses(owner))).getMetadata().getName();
        return switch (jobs.of(owner.getMetadata().getNamespace(), job)) {
            case JobProgress.State.Succeeded succeeded -> new StepOutcome.Advance(BenchmarkPhase.Running, run);
            case JobProgress.State.Failed failed -> new StepOutcome.Fail("PrepareFailed", "run " + run + ": " + failed.reason());
            default -> new StepOutcome.Wait("the prepare Job " + job + " (reset the database, load the accounts)");
        };
    }

    StepOutcome measure(BenchmarkRun owner, int run) {
        String job = objects.createIfAbsent(LoadgenJobs.load(owner, run, addresses(owner))).getMetadata().getName();
        if (jobs.of(owner.getMetadata().getNamespace(), job) instanceof JobProgress.State.Failed failed) {
            return new StepOutcome.Fail("LoadgenPodFailed", "run " + run + ": " + failed.reason());
        }
        ClusterExchange exchange = exchange(owner);
        int pods = owner.getSpec().loadgen().parallelism();
        if (!exchange.startReleased(run)) {
            long ready = exchange.podsReported(run);
            if (ready < pods) {
                return new StepOutcome.Wait(ready + " of " + pods + " load-generator pods of Job " + job + " ready");
            }
            exchange.releaseStart(run, Instant.now(clock).plus(settings.startBarrierLead()), Owners.controllerReference(owner));
        }
        Optional<java.time.Duration> nextFault = new ClusterFaults(client, clock).advance(owner, run, exchange);
        int finished = exchange.podResults(run).size();
        if (finished < pods) {
            return new StepOutcome.Wait(finished + " of " + pods + " load-generator pods of Job " + job + " finished",
                    nextFault.orElse(null));
        }
        // The verify Job needs the whole cluster, and the result says when each node came back.
        List<String> stillDown = ClusterFaults.stillDown(exchange.faults(run));
        if (!stillDown.isEmpty()) {
            return new StepOutcome.Wait(String.join(", ", stillDown) + " to come back after its fault (the load"
                    + " generator has finished)", nextFault.orElse(null));
        }
        return new StepOutcome.Advance(BenchmarkPhase.Verifying, run);
    }

    StepOutcome verify(BenchmarkRun owner, int run) {
        String job = objects.createIfAbsent(LoadgenJobs.verify(owner, run, addresses(owner))).getMetadata().getName();
        ClusterExchange exchange = exchange(owner);
        // A verify pod that found a violation stores its check first and then exits 1: that is a result, not a
        // failure. Reading the Job before the check means a failed Job seen here has its check visible too.
        JobProgress.State verifyJob = jobs.of(owner.getMetadata().getNamespace(), job);
        Optional<RunVerification> verification = exchange.verification(run);
        if (verification.isEmpty()) {
            if (verifyJob instanceof JobProgress.State.Failed failed) {
                return new StepOutcome.Fail("VerifyFailed", "run " + run + ": " + failed.reason());
            }
            return new StepOutcome.Wait("the verify Job " + job + " (invariants)");
        }
        List<PodResult> pods = exchange.podResults(run);
        BenchmarkRunSpec spec = owner.getSpec().withSeed(owner.getStatus().getSeed());
        Instant startedAt = pods.stream().map(PodResult::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant finishedAt = pods.stream().map(PodResult::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
        RunResult result;
        Instant windowStart;
        Instant windowEnd;
        if (spec.workload().mode() == LoadMode.SATURATION) {
            SaturationMeasurement search = PodSaturation.merge(pods, spec.workload().measurementDuration());
            result = ResultCalculator.saturationRunResult(owner.getMetadata().getName(), run, spec,
                    owner.getStatus().getSeed(), startedAt, finishedAt, search, verification.get().invariants(),
                    verification.get().environment());
            // The run's costs are those of the step that stands for it (at the sustainable rate).
            MeasuredStep shown = search.shownStep(result.saturation());
            windowStart = shown.startedAt().plus(spec.workload().warmupDuration());
            windowEnd = shown.finishedAt();
        } else {
            RunMeasurement merged = RunMeasurement.merge(pods.stream().map(PodResult::measurement).toList());
            result = ResultCalculator.runResult(owner.getMetadata().getName(), run, spec, owner.getStatus().getSeed(),
                    startedAt, finishedAt, merged, verification.get().invariants(), verification.get().environment());
            if (!spec.faults().isEmpty()) {
                result = ResultCalculator.withFaults(result, merged, spec.workload().warmupDuration().toNanos(),
                        ClusterFaults.forResult(spec, exchange.faults(run)),
                        "the cluster after the run (the StatefulSet had recreated every deleted pod)");
            }
            windowStart = startedAt.plus(spec.workload().warmupDuration());
            windowEnd = finishedAt;
        }
        if (!spec.network().clientRoundTripDuration().isZero() || spec.network().lossPercent() > 0) {
            result = ResultCalculator.withNetwork(result, new io.ledgerbench.loadgen.network.NetworkResult(
                    "tc netem on the load-generator pods (init container " + LoadgenJobs.NETWORK_DELAY_CONTAINER
                            + ": the whole round trip, its jitter and a loss of 1 - (1 - p)^2, on the packets they send;"
                            + " netem may reorder packets under jitter); measured by TCP connects from the pods to the"
                            + " database",
                    spec.network().clientRoundTripDuration().toNanos() / 1e6, connectRoundTrips(pods), 0, null,
                    spec.network().jitterDuration().toNanos() / 1e6, spec.network().lossPercent(), null, null));
        }
        results.writeRun(owner, result.withClusterResources(resources(owner, windowStart, windowEnd,
                result.counts().completed())));
        return run < spec.runs()
                ? new StepOutcome.Advance(BenchmarkPhase.Loading, run + 1)
                : new StepOutcome.Advance(BenchmarkPhase.Aggregating, run);
    }

    /**
     * What Prometheus recorded of the database's nodes and pods in the measurement window (the run's
     * start plus its warmup, to the last answer); without a Prometheus URL, that it was not measured.
     */
    private ClusterResources resources(BenchmarkRun owner, Instant windowStart, Instant windowEnd, long completed) {
        if (settings.prometheusUrl() == null) {
            return new ClusterResources(windowStart, windowEnd, completed, Map.of(), Map.of(), null, null, null, null,
                    null, null, null, null, List.of("no Prometheus configured (Helm value prometheus.url)"));
        }
        List<Pod> pods = client.pods().inNamespace(owner.getMetadata().getNamespace())
                .withLabels(DatabaseStatefulSets.podSelector(owner.getMetadata().getName())).list().getItems();
        List<String> nodes = pods.stream().map(pod -> pod.getSpec().getNodeName()).filter(Objects::nonNull)
                .distinct().sorted().toList();
        List<String> devices = pods.stream().map(ClusterFacts::storageReport).flatMap(Optional::stream)
                .flatMap(report -> report.disks().stream()).map(StorageReport.Disk::name).distinct().sorted().toList();
        String podPattern = new ResourceNames(owner.getMetadata().getName()).databaseStatefulSet() + "-[0-9]+";
        return new ClusterResourceMeter(new PrometheusClient(settings.prometheusUrl())).measure(
                new ClusterResourceMeter.Database(nodes, devices, owner.getMetadata().getNamespace(), podPattern),
                windowStart, windowEnd, completed);
    }

    /** The pods' timed connects to the database, their histograms added; null if none measured. */
    private static io.ledgerbench.loadgen.result.LatencySummary connectRoundTrips(List<PodResult> pods) {
        org.HdrHistogram.Histogram all = io.ledgerbench.loadgen.measure.LatencyHistograms.newHistogram();
        pods.stream().map(PodResult::connectRoundTripHistogram).filter(Objects::nonNull)
                .map(io.ledgerbench.loadgen.measure.LatencyHistograms::decode).forEach(all::add);
        return all.getTotalCount() == 0 ? null : io.ledgerbench.loadgen.result.LatencySummary.of(all);
    }

    /** The database was ready before any Job of a run is created, so TigerBeetle's addresses are known by then. */
    private List<String> addresses(BenchmarkRun owner) {
        return database.tigerbeetleAddresses(owner).orElseThrow(() -> new IllegalStateException(
                "a TigerBeetle replica Service of " + owner.getMetadata().getName() + " lost its ClusterIP"));
    }

    private ClusterExchange exchange(BenchmarkRun owner) {
        return new ClusterExchange(client, owner.getMetadata().getNamespace(), owner.getMetadata().getName(),
                owner.getMetadata().getUid());
    }
}
