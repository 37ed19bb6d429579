package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the local runner makes spec.network's distance: the database nodes in network namespaces of their
 * own, joined by links that delay in the kernel (tc netem) or, where the kernel has no netem, in a
 * user-space wire between two TAP devices (root needed either way); or TCP delay relays on loopback
 * (no rights needed). On Kubernetes the client's delay is netem in the load generator's pods whatever
 * this says.
 */
public enum NetworkEmulation {
    NAMESPACES("namespaces"),
    RELAYS("relays");

    private final String specValue;

    NetworkEmulation(String specValue) {
        this.specValue = specValue;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }
}
