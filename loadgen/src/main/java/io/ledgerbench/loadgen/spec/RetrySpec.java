package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;

/** Retries of serialization failures and deadlocks: capped exponential backoff with full jitter. */
public record RetrySpec(
        @Min(0) @Max(SpecValidator.MAX_RETRIES) Integer maxRetries,
        @Pattern(DurationText.SCHEMA_PATTERN) String initialBackoff,
        @Pattern(DurationText.SCHEMA_PATTERN) String maxBackoff) {

    public static final int DEFAULT_MAX_RETRIES = 10;
    public static final String DEFAULT_INITIAL_BACKOFF = "1ms";
    public static final String DEFAULT_MAX_BACKOFF = "100ms";

    public RetrySpec {
        maxRetries = maxRetries == null ? DEFAULT_MAX_RETRIES : maxRetries;
        initialBackoff = initialBackoff == null ? DEFAULT_INITIAL_BACKOFF : initialBackoff;
        maxBackoff = maxBackoff == null ? DEFAULT_MAX_BACKOFF : maxBackoff;
    }

    public static RetrySpec defaults() {
        return new RetrySpec(null, null, null);
    }

    public Duration initialBackoffDuration() {
        return DurationText.require(initialBackoff);
    }

    public Duration maxBackoffDuration() {
        return DurationText.require(maxBackoff);
    }
}
