package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Closed loop (as fast as the clients go), open loop (a target arrival rate), or a search over open-loop
 * rates for the highest one that holds a service objective.
 */
public enum LoadMode {
    MAX_THROUGHPUT("maxThroughput"),
    FIXED_RATE("fixedRate"),
    SATURATION("saturation");

    private final String specValue;

    LoadMode(String specValue) {
        this.specValue = specValue;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }
}
