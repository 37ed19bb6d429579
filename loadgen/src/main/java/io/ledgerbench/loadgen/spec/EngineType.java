package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** The database engine a BenchmarkRun measures. */
public enum EngineType {
    POSTGRESQL("postgresql"),
    TIGERBEETLE("tigerbeetle");

    private final String specValue;

    EngineType(String specValue) {
        this.specValue = specValue;
    }

    /** The spelling used in BenchmarkRun YAML. */
    @JsonValue
    public String specValue() {
        return specValue;
    }
}
