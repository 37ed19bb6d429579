package io.ledgerbench.operator.api.v1alpha1;

import java.util.List;

/** The invariant check of one run: the expected and actual sum of balances, and what was violated. */
public record InvariantStatus(boolean ok, long expected, long actual, long completedTransfers, long storedTransfers,
                              List<String> violations) {

    public InvariantStatus {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
