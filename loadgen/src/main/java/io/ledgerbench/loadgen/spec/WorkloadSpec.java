package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.time.Duration;

/**
 * The transfer workload and how it is offered: identical for every engine (SPEC section 3 and 6). In
 * saturation mode, warmup and duration are each search step's (shorter defaults) and saturation says how
 * the search goes; it is ignored in the other modes.
 */
@ValidationRule(value = "!has(self.mode) || self.mode != 'fixedRate' || has(self.targetRate)",
        message = "targetRate is required when mode is fixedRate", fieldPath = ".targetRate")
@ValidationRule(value = "!has(self.mode) || self.mode != 'saturation' || has(self.saturation)",
        message = "saturation (at least its p99 objective) is required when mode is saturation",
        fieldPath = ".saturation")
public record WorkloadSpec(
        @Min(2) Long accounts,
        DistributionSpec distribution,
        @Min(0) Long initialBalance,
        AmountRange amount,
        LoadMode mode,
        @Min(1) Integer concurrency,
        @Min(value = 0, inclusive = false) Double targetRate,
        ArrivalProcess arrival,
        @Min(1) Integer maxConcurrency,
        OverflowPolicy overflow,
        @Pattern(DurationText.SCHEMA_PATTERN) String warmup,
        @Pattern(DurationText.SCHEMA_PATTERN) String duration,
        Long seed,
        SaturationSpec saturation) {

    public static final long DEFAULT_ACCOUNTS = 100_000;
    public static final long DEFAULT_INITIAL_BALANCE = 1_000_000;
    public static final int DEFAULT_CONCURRENCY = 10;
    public static final int DEFAULT_MAX_CONCURRENCY = 1000;
    public static final String DEFAULT_WARMUP = "120s";
    public static final String DEFAULT_DURATION = "300s";

    /** Fills every absent field with its SPEC default; the seed stays absent until a run draws one. */
    public WorkloadSpec {
        accounts = accounts == null ? DEFAULT_ACCOUNTS : accounts;
        distribution = distribution == null ? DistributionSpec.defaults() : distribution;
        initialBalance = initialBalance == null ? DEFAULT_INITIAL_BALANCE : initialBalance;
        amount = amount == null ? AmountRange.defaults() : amount;
        mode = mode == null ? LoadMode.MAX_THROUGHPUT : mode;
        concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
        arrival = arrival == null ? ArrivalProcess.POISSON : arrival;
        maxConcurrency = maxConcurrency == null ? DEFAULT_MAX_CONCURRENCY : maxConcurrency;
        overflow = overflow == null ? OverflowPolicy.QUEUE : overflow;
        boolean steps = mode == LoadMode.SATURATION;
        warmup = warmup == null ? (steps ? SaturationSpec.DEFAULT_STEP_WARMUP : DEFAULT_WARMUP) : warmup;
        duration = duration == null ? (steps ? SaturationSpec.DEFAULT_STEP_DURATION : DEFAULT_DURATION) : duration;
    }

    public static WorkloadSpec defaults() {
        return new WorkloadSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public Duration warmupDuration() {
        return DurationText.require(warmup);
    }

    public Duration measurementDuration() {
        return DurationText.require(duration);
    }

    /** This workload with the seed set (used to record the seed a run actually used). */
    public WorkloadSpec withSeed(long newSeed) {
        return new WorkloadSpec(accounts, distribution, initialBalance, amount, mode, concurrency, targetRate,
                arrival, maxConcurrency, overflow, warmup, duration, newSeed, saturation);
    }

    /**
     * One fixedRate step of a saturation search: this workload offered at ratePerSec with the step's warmup and
     * duration (the workload's), transfers drawn from stepSeed.
     */
    public WorkloadSpec fixedRateStep(double ratePerSec, long stepSeed) {
        return new WorkloadSpec(accounts, distribution, initialBalance, amount, LoadMode.FIXED_RATE, concurrency,
                ratePerSec, arrival, maxConcurrency, overflow, warmup, duration, stepSeed, null);
    }

    /**
     * The closed-loop probe a saturation search may start from: concurrency clients for probeDuration after the
     * step warmup, transfers drawn from probeSeed.
     */
    public WorkloadSpec maxThroughputProbe(String probeDuration, long probeSeed) {
        return new WorkloadSpec(accounts, distribution, initialBalance, amount, LoadMode.MAX_THROUGHPUT, concurrency,
                null, arrival, maxConcurrency, overflow, warmup, probeDuration, probeSeed, null);
    }
}
