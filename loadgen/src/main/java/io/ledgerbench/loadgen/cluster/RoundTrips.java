package io.ledgerbench.loadgen.cluster;

import io.ledgerbench.loadgen.result.LatencySummary;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one network-probe pod measured from its node: TCP round trips to every other probe pod
 * (one per database node), by that pod's index.
 */
public record RoundTrips(int podIndex, String nodeName, Map<Integer, LatencySummary> toPod) {

    public RoundTrips {
        toPod = new TreeMap<>(toPod);
    }
}
