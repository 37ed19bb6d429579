package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** How fixedRate arrivals are spaced: exponential gaps (Poisson) or equal gaps (uniform). */
public enum ArrivalProcess {
    POISSON("poisson"),
    UNIFORM("uniform");

    private final String specValue;

    ArrivalProcess(String specValue) {
        this.specValue = specValue;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }
}
