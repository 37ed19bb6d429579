package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.Node;
import io.ledgerbench.loadgen.spec.PlacementSpec;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.model.PodPlacement;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SPEC section 8, step 0: two BenchmarkRuns whose pods could land on the same node never run at
 * the same time (a result measured next to another benchmark is worthless). A run waits behind any
 * run that holds nodes it could use, and behind any older one waiting for them, so the queue is
 * first come, first served; runs on disjoint node pools go together. Decided from what the cluster
 * shows (phases, creation times, nodes), so a restarted operator decides the same.
 */
final class FairQueue {

    private static final Set<BenchmarkPhase> HOLDING_NODES = EnumSet.of(BenchmarkPhase.Provisioning,
            BenchmarkPhase.Loading, BenchmarkPhase.Running, BenchmarkPhase.Verifying, BenchmarkPhase.Aggregating);
    private static final Comparator<BenchmarkRun> ARRIVAL = Comparator
            .comparing((BenchmarkRun run) -> run.getMetadata().getCreationTimestamp(),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(run -> run.getMetadata().getNamespace())
            .thenComparing(run -> run.getMetadata().getName());

    private FairQueue() {
    }

    /** The run this one has to wait for, if any. */
    static Optional<BenchmarkRun> blocker(BenchmarkRun candidate, Collection<BenchmarkRun> all, List<Node> nodes) {
        return all.stream()
                .filter(other -> !other.getMetadata().getUid().equals(candidate.getMetadata().getUid()))
                .filter(other -> holdsOrPrecedes(other, candidate))
                .filter(other -> mayShareNodes(candidate, other, nodes))
                .min(ARRIVAL);
    }

    private static boolean holdsOrPrecedes(BenchmarkRun other, BenchmarkRun candidate) {
        BenchmarkPhase phase = other.getStatus() == null || other.getStatus().getPhase() == null
                ? BenchmarkPhase.Pending : other.getStatus().getPhase();
        if (HOLDING_NODES.contains(phase)) {
            return true;
        }
        boolean waiting = phase == BenchmarkPhase.Pending || phase == BenchmarkPhase.Queued;
        return waiting && ARRIVAL.compare(other, candidate) < 0;
    }

    /** With no node visible (nothing to tell pools apart), every run may share every node. */
    static boolean mayShareNodes(BenchmarkRun first, BenchmarkRun second, List<Node> nodes) {
        if (nodes.isEmpty()) {
            return true;
        }
        Set<String> firstNodes = candidateNodes(first, nodes);
        return candidateNodes(second, nodes).stream().anyMatch(firstNodes::contains);
    }

    /** Nodes the database or load-generator pods could be scheduled on, by their node selectors. */
    private static Set<String> candidateNodes(BenchmarkRun run, List<Node> nodes) {
        Set<String> names = new HashSet<>(matching(run.getSpec().database().placement(), nodes));
        names.addAll(matching(run.getSpec().loadgen().placement(), nodes));
        return names;
    }

    private static Set<String> matching(PlacementSpec placement, List<Node> nodes) {
        Map<String, String> selector = PodPlacement.nodeSelector(placement);
        return nodes.stream()
                .filter(node -> {
                    Map<String, String> labels = Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of());
                    return selector.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
                })
                .map(node -> node.getMetadata().getName())
                .collect(Collectors.toSet());
    }
}
