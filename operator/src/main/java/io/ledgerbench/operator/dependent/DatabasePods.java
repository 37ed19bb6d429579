package io.ledgerbench.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.model.DatabaseStatefulSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The database pods as kubelets report them. The database is ready when every replica's pod is
 * Ready and runs the current configuration (its config-hash annotation): the pods themselves say
 * so, which survives an operator restart and cannot be fooled by a StatefulSet status not yet updated.
 */
public final class DatabasePods {

    /** Ready, or why not; stale pods run an earlier configuration and must be replaced. */
    public record Readiness(boolean ready, List<String> notReady, List<Pod> stale, List<Pod> pods) {
    }

    private final KubernetesClient client;

    public DatabasePods(KubernetesClient client) {
        this.client = client;
    }

    public List<Pod> list(BenchmarkRun owner) {
        return client.pods().inNamespace(owner.getMetadata().getNamespace())
                .withLabels(DatabaseStatefulSets.podSelector(owner.getMetadata().getName())).list().getItems();
    }

    public Readiness readiness(BenchmarkRun owner, String configHash) {
        ResourceNames names = new ResourceNames(owner.getMetadata().getName());
        Map<String, Pod> byName = list(owner).stream()
                .collect(Collectors.toMap(pod -> pod.getMetadata().getName(), Function.identity()));
        List<String> notReady = new ArrayList<>();
        List<Pod> stale = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        for (int replica = 0; replica < owner.getSpec().database().replicas(); replica++) {
            String name = names.databasePod(replica);
            Pod pod = byName.get(name);
            if (pod == null) {
                notReady.add(name + " (not created)");
                continue;
            }
            pods.add(pod);
            String hash = Optional.ofNullable(pod.getMetadata().getAnnotations())
                    .map(annotations -> annotations.get(DatabaseStatefulSets.CONFIG_HASH_ANNOTATION)).orElse(null);
            if (!configHash.equals(hash)) {
                stale.add(pod);
                notReady.add(name + " (runs an earlier configuration)");
            } else if (!isReady(pod)) {
                notReady.add(name + " (" + whyNotReady(pod) + ")");
            }
        }
        return new Readiness(notReady.isEmpty(), notReady, stale, pods);
    }

    /** Whether the pod's Ready condition is True. */
    public static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    private static String whyNotReady(Pod pod) {
        if (pod.getStatus() == null) {
            return "no status yet";
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).ifPresent(statuses::addAll);
        Optional.ofNullable(pod.getStatus().getContainerStatuses()).ifPresent(statuses::addAll);
        for (ContainerStatus status : statuses) {
            ContainerStateWaiting waiting = status.getState() == null ? null : status.getState().getWaiting();
            if (waiting != null && waiting.getReason() != null) {
                return "container " + status.getName() + " waiting: " + waiting.getReason()
                        + Optional.ofNullable(waiting.getMessage()).map(message -> ": " + message).orElse("");
            }
        }
        String phase = Optional.ofNullable(pod.getStatus().getPhase()).orElse("Unknown");
        return "phase " + phase + (pod.getSpec() != null && pod.getSpec().getNodeName() == null ? ", not scheduled" : "");
    }
}
