package io.ledgerbench.operator.api.v1alpha1;

import java.util.List;
import java.util.Map;

/**
 * Where the benchmark ran (SPEC section 6): versions, the instance type of every node that ran a
 * database or load-generator pod, the storage check and the round trips between database nodes.
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
        List<RoundTripStatus> databaseRoundTrips) {

    public ClusterEnvironment {
        databaseNodes = databaseNodes == null ? Map.of() : Map.copyOf(databaseNodes);
        databaseRoundTrips = databaseRoundTrips == null ? List.of() : List.copyOf(databaseRoundTrips);
        loadgenNodes = loadgenNodes == null ? Map.of() : Map.copyOf(loadgenNodes);
    }
}
