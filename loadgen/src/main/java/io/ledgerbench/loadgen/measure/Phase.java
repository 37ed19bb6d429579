package io.ledgerbench.loadgen.measure;

import com.fasterxml.jackson.annotation.JsonValue;

/** A run's phases: warmup is recorded under its own label and never enters results. */
public enum Phase {
    WARMUP("warmup"),
    MEASUREMENT("measurement");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
