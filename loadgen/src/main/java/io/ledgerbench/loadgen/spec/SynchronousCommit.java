package io.ledgerbench.loadgen.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** PostgreSQL's synchronous_commit: how many copies a commit waits for, and how durable. */
public enum SynchronousCommit {
    OFF("off"),
    LOCAL("local"),
    REMOTE_WRITE("remote_write"),
    REMOTE_APPLY("remote_apply"),
    ON("on");

    private final String specValue;

    SynchronousCommit(String specValue) {
        this.specValue = specValue;
    }

    @JsonValue
    public String specValue() {
        return specValue;
    }
}
