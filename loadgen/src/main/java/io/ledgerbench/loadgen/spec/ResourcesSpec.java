package io.ledgerbench.loadgen.spec;

import java.util.Map;

/** Kubernetes resource requests and limits (quantities such as "2", "500m", "8Gi"). */
public record ResourcesSpec(Map<String, String> requests, Map<String, String> limits) {

    public ResourcesSpec {
        requests = requests == null ? Map.of() : Map.copyOf(requests);
        limits = limits == null ? Map.of() : Map.copyOf(limits);
    }

    public static ResourcesSpec defaults() {
        return new ResourcesSpec(null, null);
    }
}
