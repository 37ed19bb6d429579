package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Thresholds that turn a result into a warning (CVs, client CPU) or invalid (error rate), SPEC section 6. */
public record ValidationSpec(
        @Min(0) Double maxThroughputCV,
        @Min(0) Double maxP99CV,
        @Min(0) @Max(1) Double maxErrorRate,
        @Min(0) @Max(1) Double maxClientCpu) {

    public static final double DEFAULT_MAX_THROUGHPUT_CV = 0.10;
    public static final double DEFAULT_MAX_P99_CV = 0.15;
    public static final double DEFAULT_MAX_ERROR_RATE = 0.05;
    public static final double DEFAULT_MAX_CLIENT_CPU = 0.80;

    public ValidationSpec {
        maxThroughputCV = maxThroughputCV == null ? DEFAULT_MAX_THROUGHPUT_CV : maxThroughputCV;
        maxP99CV = maxP99CV == null ? DEFAULT_MAX_P99_CV : maxP99CV;
        maxErrorRate = maxErrorRate == null ? DEFAULT_MAX_ERROR_RATE : maxErrorRate;
        maxClientCpu = maxClientCpu == null ? DEFAULT_MAX_CLIENT_CPU : maxClientCpu;
    }

    public static ValidationSpec defaults() {
        return new ValidationSpec(null, null, null, null);
    }
}
