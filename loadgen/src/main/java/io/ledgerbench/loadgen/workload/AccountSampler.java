package io.ledgerbench.loadgen.workload;

import io.ledgerbench.loadgen.spec.DistributionSpec;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * Draws account ids 1..N. Zipfian through Apache Commons RNG's rejection-inversion sampler, where
 * account k has probability proportional to 1/k^s, so account 1 is the hottest; s = 0 is uniform.
 */
public final class AccountSampler {

    private final SharedStateDiscreteSampler zipf;
    private final UniformRandomProvider random;
    private final long accounts;

    private AccountSampler(UniformRandomProvider random, long accounts, double exponent) {
        this.random = random;
        this.accounts = accounts;
        this.zipf = exponent == 0.0 ? null : RejectionInversionZipfSampler.of(random, Math.toIntExact(accounts), exponent);
    }

    /** A sampler over accounts 1..accounts drawing from random. */
    public static AccountSampler of(DistributionSpec distribution, long accounts, UniformRandomProvider random) {
        return new AccountSampler(random, accounts, distribution.effectiveExponent());
    }

    /** The next account id, in 1..N. */
    public long nextAccountId() {
        return zipf == null ? random.nextLong(1, accounts + 1) : zipf.sample();
    }
}
