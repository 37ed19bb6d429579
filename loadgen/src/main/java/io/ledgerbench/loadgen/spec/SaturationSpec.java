package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.time.Duration;

/**
 * How saturation mode searches for the sustainable rate: the service objective a fixedRate step must hold
 * (p99 latency from the intended start at most p99, achieved at least minAchievedRatio of the offered rate,
 * nothing dropped or failed), where the search starts (startRate, or startFraction of a closed-loop probe of
 * probeDuration), how it ramps (x growthFactor) and when bisection stops (resolution, relative), and its
 * bounds (maxSteps, timeLimit). Each step's warmup and measurement are the workload's warmup and duration.
 */
public record SaturationSpec(
        @Required @Pattern(DurationText.SCHEMA_PATTERN) String p99,
        @Min(value = 0, inclusive = false) @Max(1) Double minAchievedRatio,
        @Min(value = 0, inclusive = false) Double startRate,
        @Min(value = 0, inclusive = false) @Max(1) Double startFraction,
        @Pattern(DurationText.SCHEMA_PATTERN) String probeDuration,
        @Min(value = 1, inclusive = false) @Max(SaturationSpec.MAX_GROWTH_FACTOR) Double growthFactor,
        @Min(SaturationSpec.MIN_RESOLUTION) @Max(SaturationSpec.MAX_RESOLUTION) Double resolution,
        @Min(SaturationSpec.MIN_STEPS) @Max(SaturationSpec.MAX_STEPS) Integer maxSteps,
        @Pattern(DurationText.SCHEMA_PATTERN) String timeLimit) {

    public static final double DEFAULT_MIN_ACHIEVED_RATIO = 0.99;
    public static final double DEFAULT_START_FRACTION = 0.5;
    public static final String DEFAULT_PROBE_DURATION = "10s";
    public static final double DEFAULT_GROWTH_FACTOR = 1.5;
    public static final double MAX_GROWTH_FACTOR = 10;
    public static final double DEFAULT_RESOLUTION = 0.05;
    public static final double MIN_RESOLUTION = 0.005;
    public static final double MAX_RESOLUTION = 0.5;
    public static final int DEFAULT_MAX_STEPS = 12;
    public static final int MIN_STEPS = 2;
    /** Each step keeps two histograms (~10 kB) in the results, which on Kubernetes live in a 1 MiB ConfigMap. */
    public static final int MAX_STEPS = 20;
    public static final String DEFAULT_TIME_LIMIT = "1h";
    /** Each step's warmup and measurement when the workload does not set them (saturation mode only). */
    public static final String DEFAULT_STEP_WARMUP = "10s";
    public static final String DEFAULT_STEP_DURATION = "30s";

    public SaturationSpec {
        minAchievedRatio = minAchievedRatio == null ? DEFAULT_MIN_ACHIEVED_RATIO : minAchievedRatio;
        // A given start rate needs no probe: the fraction and probe duration stay absent then.
        startFraction = startFraction == null && startRate == null ? Double.valueOf(DEFAULT_START_FRACTION) : startFraction;
        probeDuration = probeDuration == null && startRate == null ? DEFAULT_PROBE_DURATION : probeDuration;
        growthFactor = growthFactor == null ? DEFAULT_GROWTH_FACTOR : growthFactor;
        resolution = resolution == null ? DEFAULT_RESOLUTION : resolution;
        maxSteps = maxSteps == null ? DEFAULT_MAX_STEPS : maxSteps;
        timeLimit = timeLimit == null ? DEFAULT_TIME_LIMIT : timeLimit;
    }

    public Duration p99Bound() {
        return DurationText.require(p99);
    }

    public Duration timeLimitDuration() {
        return DurationText.require(timeLimit);
    }

    /** Whether the search starts from a closed-loop probe rather than a given rate. */
    public boolean probes() {
        return startRate == null;
    }
}
