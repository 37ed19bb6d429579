package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** PostgreSQL transaction isolation level for every transfer of a run. */
public enum IsolationLevel {
    READ_COMMITTED("read_committed", "read committed"),
    REPEATABLE_READ("repeatable_read", "repeatable read"),
    SERIALIZABLE("serializable", "serializable");

    private final String specValue;
    private final String sqlName;

    IsolationLevel(String specValue, String sqlName) {
        this.specValue = specValue;
        this.sqlName = sqlName;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }

    /** The value PostgreSQL's default_transaction_isolation setting takes. */
    public String sqlName() {
        return sqlName;
    }
}
