package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** PostgreSQL settings of a run: durability, isolation, interaction mode, pool, pass-through parameters. */
public record PostgresqlSpec(
        SynchronousCommit synchronousCommit,
        @Min(0) Integer synchronousStandbys,
        IsolationLevel isolationLevel,
        PostgresMode mode,
        @Min(1) @Max(SpecValidator.MAX_BATCH_SIZE) Integer batchSize,
        @Pattern(DurationText.SCHEMA_PATTERN) String batchLinger,
        @Min(1) @Max(SpecValidator.MAX_POOL_SIZE) Integer poolSize,
        RetrySpec retry,
        Map<String, String> parameters) {

    public static final int DEFAULT_SYNCHRONOUS_STANDBYS = 1;
    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final int DEFAULT_POOL_SIZE = 20;
    /** No linger: a partial batch leaves as soon as no other batch is in flight; it fills while one is. */
    public static final String DEFAULT_BATCH_LINGER = "0ms";

    public PostgresqlSpec {
        synchronousCommit = synchronousCommit == null ? SynchronousCommit.ON : synchronousCommit;
        synchronousStandbys = synchronousStandbys == null ? DEFAULT_SYNCHRONOUS_STANDBYS : synchronousStandbys;
        isolationLevel = isolationLevel == null ? IsolationLevel.READ_COMMITTED : isolationLevel;
        mode = mode == null ? PostgresMode.PROCEDURE : mode;
        batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
        batchLinger = batchLinger == null ? DEFAULT_BATCH_LINGER : batchLinger;
        poolSize = poolSize == null ? DEFAULT_POOL_SIZE : poolSize;
        retry = retry == null ? RetrySpec.defaults() : retry;
        // Sorted, so results and comparisons list parameters in a stable order.
        parameters = parameters == null ? Map.of() : Map.copyOf(new TreeMap<>(parameters));
    }

    public static PostgresqlSpec defaults() {
        return new PostgresqlSpec(null, null, null, null, null, null, null, null, null);
    }

    /** How long the batched mode waits for more transfers before sending a batch smaller than batchSize. */
    public Duration batchLingerDuration() {
        return DurationText.require(batchLinger);
    }
}
