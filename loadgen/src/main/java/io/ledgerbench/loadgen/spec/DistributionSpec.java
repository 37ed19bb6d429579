package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The account distribution: Zipfian with an exponent (0 = uniform, ~1.0 medium, ~1.5 high skew). */
public record DistributionSpec(DistributionType type, @Min(0) @Max(SpecValidator.MAX_EXPONENT) Double exponent) {

    public static final double DEFAULT_EXPONENT = 1.0;

    public DistributionSpec {
        type = type == null ? DistributionType.ZIPFIAN : type;
        exponent = exponent == null ? (type == DistributionType.UNIFORM ? 0.0 : DEFAULT_EXPONENT) : exponent;
    }

    public static DistributionSpec defaults() {
        return new DistributionSpec(null, null);
    }

    /** The Zipf exponent actually used: uniform is exponent 0. */
    public double effectiveExponent() {
        return type == DistributionType.UNIFORM ? 0.0 : exponent;
    }
}
