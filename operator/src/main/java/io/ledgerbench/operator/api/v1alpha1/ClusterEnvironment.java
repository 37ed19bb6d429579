package io.ledgerbench.operator.api.v1alpha1;

import java.util.Map;

/**
 * Where the benchmark ran (SPEC section 6): versions, the instance type of every node that ran a
 * database or load-generator pod, and the storage check.
 */
public record ClusterEnvironment(
        String kubernetesVersion,
        String serverVersion,
        String clientVersion,
        String loadgenVersion,
        String jvm,
        Map<String, String> databaseNodes,
        Map<String, String> loadgenNodes,
        String storageCheck,
        Map<String, String> databaseRoundTrips) {

    public ClusterEnvironment {
        databaseNodes = databaseNodes == null ? Map.of() : Map.copyOf(databaseNodes);
        databaseRoundTrips = databaseRoundTrips == null ? Map.of() : Map.copyOf(databaseRoundTrips);
        loadgenNodes = loadgenNodes == null ? Map.of() : Map.copyOf(loadgenNodes);
    }
}
