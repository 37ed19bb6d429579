package io.ledgerbench.operator.model;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.ledgerbench.loadgen.spec.PlacementSpec;
import io.ledgerbench.loadgen.spec.ResourcesSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Translates the spec's placement and resources into pod-spec parts. */
public final class PodPlacement {

    /** Spreads database replicas: two on one node would share its disk and network and void the comparison. */
    public static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";

    private PodPlacement() {
    }

    public static List<Toleration> tolerations(PlacementSpec placement) {
        return placement.tolerations().stream()
                .map(toleration -> new TolerationBuilder()
                        .withKey(toleration.key())
                        .withOperator(toleration.operator())
                        .withValue(toleration.value())
                        .withEffect(toleration.effect())
                        .withTolerationSeconds(toleration.tolerationSeconds())
                        .build())
                .toList();
    }

    public static Map<String, String> nodeSelector(PlacementSpec placement) {
        return new TreeMap<>(placement.nodeSelector());
    }

    public static ResourceRequirements resources(ResourcesSpec resources) {
        return new ResourceRequirementsBuilder()
                .withRequests(quantities(resources.requests()))
                .withLimits(quantities(resources.limits()))
                .build();
    }

    /** Required anti-affinity: at most one pod matching the labels per node. */
    public static Affinity onePerNode(Map<String, String> podLabels) {
        return new AffinityBuilder()
                .withNewPodAntiAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withTopologyKey(HOSTNAME_TOPOLOGY)
                .withNewLabelSelector().withMatchLabels(podLabels).endLabelSelector()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build();
    }

    /** One pod per node, and only on nodes where a pod matching beside runs (e.g. one per database node). */
    public static Affinity onePerNodeBeside(Map<String, String> podLabels, Map<String, String> beside) {
        Affinity affinity = onePerNode(podLabels);
        affinity.setPodAffinity(new AffinityBuilder().withNewPodAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withTopologyKey(HOSTNAME_TOPOLOGY)
                .withNewLabelSelector().withMatchLabels(beside).endLabelSelector()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAffinity().build().getPodAffinity());
        return affinity;
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> quantities = new TreeMap<>();
        values.forEach((resource, amount) -> quantities.put(resource, new Quantity(amount)));
        return quantities;
    }
}
