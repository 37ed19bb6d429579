package io.ledgerbench.loadgen.workload;

import io.ledgerbench.loadgen.spec.WorkloadSpec;
import org.apache.commons.rng.UniformRandomProvider;

/** Produces the transfer sequence of one logical client: accounts from the distribution, amounts uniform. */
public final class TransferGenerator {

    private final AccountSampler accounts;
    private final UniformRandomProvider random;
    private final long minAmount;
    private final long maxAmountExclusive;

    public TransferGenerator(WorkloadSpec workload, UniformRandomProvider random) {
        this.random = random;
        this.accounts = AccountSampler.of(workload.distribution(), workload.accounts(), random);
        this.minAmount = workload.amount().min();
        this.maxAmountExclusive = workload.amount().max() + 1;
    }

    /** The next transfer; the credit account is redrawn until it differs from the debit account. */
    public Transfer next() {
        long debit = accounts.nextAccountId();
        long credit = accounts.nextAccountId();
        while (credit == debit) {
            credit = accounts.nextAccountId();
        }
        return new Transfer(debit, credit, random.nextLong(minAmount, maxAmountExclusive));
    }
}
