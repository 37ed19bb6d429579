package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a fixedRate arrival does when maxConcurrency transfers are already in flight: wait for a
 * slot (its latency, measured from the intended start, shows the wait) or be counted as dropped.
 * Either way the count is reported.
 */
public enum OverflowPolicy {
    QUEUE("queue"),
    DROP("drop");

    private final String specValue;

    OverflowPolicy(String specValue) {
        this.specValue = specValue;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }
}
