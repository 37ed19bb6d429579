package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.fault.AppliedFault;
import io.ledgerbench.loadgen.fault.FaultExpectation;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.FaultAction;
import io.ledgerbench.loadgen.spec.FaultSpec;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.dependent.DatabasePods;
import io.ledgerbench.operator.dependent.PhaseEvents;
import io.ledgerbench.operator.model.FaultEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * spec.faults on Kubernetes, while a run measures: a fault that is due deletes its node's database pod
 * (kill: a grace period of 1 s, SIGTERM then SIGKILL, the shortest that is not a forced deletion, which would let
 * the StatefulSet start a second copy on the same data before the first is gone; stop: the pod's own grace
 * period, PostgreSQL's and TigerBeetle's clean shutdown), with an Event; the StatefulSet recreates the pod, and
 * once the new pod is Ready the fault is recorded as recovered. Each step is recorded in the run's start barrier,
 * so an operator restart does not repeat a recorded one (one that restarts between deleting the pod and
 * recording it would delete the new pod again). Faults are timed by this reconcile loop: to within a second.
 */
final class ClusterFaults {

    /** A killed pod's grace period: 0 would be a forced deletion (see the class comment). */
    static final long KILL_GRACE_SECONDS = 1;

    /** How soon to look again while a deleted pod is coming back. */
    static final Duration RECOVERY_RECHECK = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final Clock clock;

    ClusterFaults(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Applies what is due and notes recoveries; returns how soon something is due next (empty: nothing left). */
    Optional<Duration> advance(BenchmarkRun owner, int run, ClusterExchange exchange) {
        BenchmarkRunSpec spec = owner.getSpec();
        List<FaultSpec> faults = spec.faults();
        Optional<Instant> startAt = exchange.startAt(run);
        if (faults.isEmpty() || startAt.isEmpty()) {
            return Optional.empty();
        }
        Instant measurementStart = startAt.get().plus(spec.workload().warmupDuration());
        Instant now = Instant.now(clock);
        Map<Integer, AppliedFault> recorded = exchange.faults(run);
        Optional<Duration> next = Optional.empty();
        for (int index = 0; index < faults.size(); index++) {
            FaultSpec fault = faults.get(index);
            AppliedFault applied = recorded.get(index);
            if (applied == null) {
                Instant due = measurementStart.plus(fault.atDuration());
                if (now.isBefore(due)) {
                    next = sooner(next, Duration.between(now, due));
                    continue;
                }
                applied = inject(owner, run, index, fault, down(recorded), measurementStart, now);
                exchange.recordFault(run, index, applied);
                recorded.put(index, applied);
            }
            if (applied.error() == null && applied.restartedAtNanos() == null) {
                Optional<AppliedFault> back = recovered(owner, run, index, applied, measurementStart, now);
                if (back.isPresent()) {
                    exchange.recordFault(run, index, back.get());
                    recorded.put(index, back.get());
                } else {
                    next = sooner(next, RECOVERY_RECHECK);
                }
            }
        }
        return next;
    }

    private AppliedFault inject(BenchmarkRun owner, int run, int index, FaultSpec fault, Set<String> down,
                                Instant measurementStart, Instant now) {
        String pod = new ResourceNames(owner.getMetadata().getName()).databasePod(FaultSpec.ordinal(fault.node())
                .orElseThrow());
        FaultExpectation expectation = FaultExpectation.of(owner.getSpec().database(), fault.node(), down);
        long plannedNanos = fault.atDuration().toNanos();
        long atNanos = Duration.between(measurementStart, now).toNanos();
        var resource = client.pods().inNamespace(owner.getMetadata().getNamespace()).withName(pod);
        String detail;
        try {
            if (resource.get() == null) {
                return new AppliedFault(fault.node(), fault.action(), plannedNanos, null, null, expectation, "",
                        "pod " + pod + " does not exist");
            }
            if (fault.action() == FaultAction.KILL) {
                resource.withGracePeriod(KILL_GRACE_SECONDS).delete();
                detail = "pod " + pod + " deleted with a grace period of " + KILL_GRACE_SECONDS + " s (SIGTERM, then"
                        + " SIGKILL)";
            } else {
                resource.delete();
                detail = "pod " + pod + " deleted with its grace period (a clean shutdown)";
            }
        } catch (KubernetesClientException e) {
            return new AppliedFault(fault.node(), fault.action(), plannedNanos, null, null, expectation, "",
                    "deleting pod " + pod + " failed: " + e.getMessage());
        }
        event(owner, run, index, FaultEvent.INJECTED, String.format(Locale.ROOT, "run %d: %s %s at +%.1f s of the"
                + " measurement: %s; expected: %s", run, fault.action().specValue(), fault.node(), atNanos / 1e9, detail,
                expectation.explanation()), now);
        return new AppliedFault(fault.node(), fault.action(), plannedNanos, atNanos, null, expectation,
                detail + "; the StatefulSet recreates it", null);
    }

    /** The fault with its recovery, once a pod created after the fault is Ready. */
    private Optional<AppliedFault> recovered(BenchmarkRun owner, int run, int index, AppliedFault fault,
                                             Instant measurementStart, Instant now) {
        String pod = new ResourceNames(owner.getMetadata().getName()).databasePod(FaultSpec.ordinal(fault.node())
                .orElseThrow());
        Pod current = client.pods().inNamespace(owner.getMetadata().getNamespace()).withName(pod).get();
        Instant deletedAt = measurementStart.plusNanos(fault.appliedAtNanos());
        if (current == null || current.getMetadata().getCreationTimestamp() == null
                || Instant.parse(current.getMetadata().getCreationTimestamp()).isBefore(deletedAt.minusSeconds(1))
                || current.getMetadata().getDeletionTimestamp() != null || !DatabasePods.isReady(current)) {
            return Optional.empty();
        }
        long atNanos = Duration.between(measurementStart, now).toNanos();
        event(owner, run, index, FaultEvent.RECOVERED, String.format(Locale.ROOT, "run %d: %s is back (pod %s Ready)"
                + " at +%.1f s of the measurement", run, fault.node(), pod, atNanos / 1e9), now);
        return Optional.of(fault.restarted(atNanos, "pod " + pod + " Ready again"));
    }

    /** The nodes a recorded fault took down that have not been seen back yet, for the status message. */
    static List<String> stillDown(Map<Integer, AppliedFault> recorded) {
        return down(recorded).stream().sorted().toList();
    }

    private static Set<String> down(Map<Integer, AppliedFault> recorded) {
        Set<String> down = new HashSet<>();
        recorded.values().stream().filter(fault -> fault.error() == null && fault.restartedAtNanos() == null)
                .forEach(fault -> down.add(fault.node()));
        return down;
    }

    private void event(BenchmarkRun owner, int run, int index, String reason, String message, Instant now) {
        new PhaseEvents(client).createOnce(FaultEvent.build(owner, run, index, reason, message, now));
    }

    /**
     * The run's faults for its result, in spec order: each as recorded, or, when the run ended before it was due,
     * as not applied with that reason.
     */
    static List<AppliedFault> forResult(BenchmarkRunSpec spec, Map<Integer, AppliedFault> recorded) {
        List<AppliedFault> faults = new java.util.ArrayList<>();
        for (int index = 0; index < spec.faults().size(); index++) {
            FaultSpec fault = spec.faults().get(index);
            faults.add(recorded.getOrDefault(index, new AppliedFault(fault.node(), fault.action(),
                    fault.atDuration().toNanos(), null, null, FaultExpectation.of(spec.database(), fault.node(), Set.of()),
                    "", "the run ended before it was due")));
        }
        return faults;
    }

    private static Optional<Duration> sooner(Optional<Duration> current, Duration candidate) {
        return Optional.of(current.filter(duration -> duration.compareTo(candidate) <= 0).orElse(candidate));
    }
}
