package io.ledgerbench.operator.api.v1alpha1;

/** TCP round trips from one database node to another, as the network probe measured them before the first run. */
public record RoundTripStatus(String fromNode, String toNode, double meanMs, double p95Ms, double p99Ms) {
}
