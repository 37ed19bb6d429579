package io.ledgerbench.loadgen.spec;

import java.util.List;
import java.util.Map;

/** Which Kubernetes nodes a group of pods may run on. */
public record PlacementSpec(Map<String, String> nodeSelector, List<Toleration> tolerations) {

    public PlacementSpec {
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
    }

    public static PlacementSpec defaults() {
        return new PlacementSpec(null, null);
    }
}
