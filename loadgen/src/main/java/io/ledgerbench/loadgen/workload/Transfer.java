package io.ledgerbench.loadgen.workload;

/** One money transfer to attempt: move amount from the debit account to a distinct credit account. */
public record Transfer(long debitAccountId, long creditAccountId, long amount) {

    public Transfer {
        if (debitAccountId == creditAccountId) {
            throw new IllegalArgumentException("debit and credit account must differ: " + debitAccountId);
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }
}
