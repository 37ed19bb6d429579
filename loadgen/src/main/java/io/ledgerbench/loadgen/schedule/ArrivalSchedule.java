package io.ledgerbench.loadgen.schedule;

import io.ledgerbench.loadgen.spec.ArrivalProcess;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Gaps between open-loop arrivals at a given rate. */
@FunctionalInterface
public interface ArrivalSchedule {

    /** Nanoseconds from the previous arrival's intended start to the next one's. */
    long nextGapNanos();

    /** Equal gaps: exactly ratePerSec arrivals each second. */
    static ArrivalSchedule uniform(double ratePerSec) {
        double gapNanos = 1e9 / ratePerSec;
        // Accumulate fractional nanoseconds so the long-run rate is exact.
        double[] carry = {0};
        return () -> {
            double exact = gapNanos + carry[0];
            long gap = (long) exact;
            carry[0] = exact - gap;
            return gap;
        };
    }

    /** Exponential gaps with mean 1/ratePerSec: a Poisson arrival process. */
    static ArrivalSchedule poisson(double ratePerSec, UniformRandomProvider random) {
        ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(random, 1e9 / ratePerSec);
        return () -> Math.round(exponential.sample());
    }

    static ArrivalSchedule of(ArrivalProcess process, double ratePerSec, UniformRandomProvider random) {
        return process == ArrivalProcess.UNIFORM ? uniform(ratePerSec) : poisson(ratePerSec, random);
    }
}
