package io.ledgerbench.loadgen.driver;

import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one transfer (SPEC section 3). */
public enum TransferOutcome {
    /** Applied: debit, credit and one stored transfer record. */
    COMPLETED("completed"),
    /** Refused for insufficient balance: a business outcome, never an error, never retried. */
    REJECTED("rejected"),
    /** A database error after the last retry, or a lost connection. */
    FAILED("failed");

    private final String label;

    TransferOutcome(String label) {
        this.label = label;
    }

    /** The spelling used in results and metric labels. */
    @JsonValue
    public String label() {
        return label;
    }
}
