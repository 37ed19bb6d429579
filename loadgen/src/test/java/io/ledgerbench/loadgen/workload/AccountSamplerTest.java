package io.ledgerbench.loadgen.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgerbench.loadgen.spec.DistributionSpec;
import io.ledgerbench.loadgen.spec.DistributionType;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class AccountSamplerTest {

    private static final int DRAWS = 200_000;

    private static long[] histogram(double exponent, int accounts) {
        AccountSampler sampler = AccountSampler.of(new DistributionSpec(DistributionType.ZIPFIAN, exponent), accounts,
                RandomSource.XO_RO_SHI_RO_128_PP.create(12345L));
        long[] counts = new long[accounts + 1];
        for (int i = 0; i < DRAWS; i++) {
            long id = sampler.nextAccountId();
            assertThat(id).isBetween(1L, (long) accounts);
            counts[(int) id]++;
        }
        return counts;
    }

    @Test
    void exponentZeroIsUniform() {
        long[] counts = histogram(0.0, 10);
        for (int id = 1; id <= 10; id++) {
            assertThat(counts[id] / (double) DRAWS).as("share of account %d", id).isCloseTo(0.1, within(0.005));
        }
    }

    @Test
    void exponentOnePointFiveGivesTheHeadItsTheoreticalShare() {
        int accounts = 1000;
        double harmonic = 0;
        for (int k = 1; k <= accounts; k++) {
            harmonic += 1 / Math.pow(k, 1.5);
        }
        long[] counts = histogram(1.5, accounts);
        double expectedFirst = 1 / harmonic;
        double expectedTopTen = 0;
        for (int k = 1; k <= 10; k++) {
            expectedTopTen += 1 / Math.pow(k, 1.5) / harmonic;
        }
        long topTen = 0;
        for (int k = 1; k <= 10; k++) {
            topTen += counts[k];
        }
        assertThat(counts[1] / (double) DRAWS).isCloseTo(expectedFirst, within(0.01));
        assertThat(topTen / (double) DRAWS).isCloseTo(expectedTopTen, within(0.01));
    }

    @Test
    void uniformDistributionTypeIgnoresTheExponent() {
        assertThat(new DistributionSpec(DistributionType.UNIFORM, 1.5).effectiveExponent()).isZero();
    }
}
