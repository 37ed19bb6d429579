package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a PostgreSQL client talks to the database for one transfer (SPEC section 4). */
public enum PostgresMode {
    INTERACTIVE("interactive"),
    ATOMIC("atomic"),
    PROCEDURE("procedure"),
    BATCHED("batched");

    private final String specValue;

    PostgresMode(String specValue) {
        this.specValue = specValue;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }
}
