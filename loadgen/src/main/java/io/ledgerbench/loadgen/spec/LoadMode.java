package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** Closed loop (as fast as the clients go) or open loop (a target arrival rate). */
public enum LoadMode {
    MAX_THROUGHPUT("maxThroughput"),
    FIXED_RATE("fixedRate");

    private final String specValue;

    LoadMode(String specValue) {
        this.specValue = specValue;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }
}
