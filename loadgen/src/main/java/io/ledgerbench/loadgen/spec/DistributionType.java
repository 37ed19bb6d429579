package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** How debit and credit accounts are drawn. */
public enum DistributionType {
    ZIPFIAN("zipfian"),
    UNIFORM("uniform");

    private final String specValue;

    DistributionType(String specValue) {
        this.specValue = specValue;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }
}
