package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * One fault injected during every run's measurement: {@code action} on database {@code node} (PostgreSQL
 * {@code primary} or {@code standby-N}, TigerBeetle {@code replica-N}) {@code at} this offset into the
 * measurement, brought back {@code restartAfter} later when given (locally; on Kubernetes the StatefulSet
 * recreates a deleted pod on its own).
 */
public record FaultSpec(
        @Required @Pattern(FaultSpec.NODE_PATTERN) String node,
        FaultAction action,
        @Required @Pattern(DurationText.SCHEMA_PATTERN) String at,
        @Pattern(DurationText.SCHEMA_PATTERN) String restartAfter) {

    /** The node names faults accept: PostgreSQL's primary and standbys, TigerBeetle's replicas. */
    public static final String NODE_PATTERN = "^(primary|standby-[1-9][0-9]?|replica-(0|[1-9][0-9]?))$";
    private static final java.util.regex.Pattern NODE = java.util.regex.Pattern.compile(NODE_PATTERN);

    public FaultSpec {
        action = action == null ? FaultAction.KILL : action;
    }

    /** The offset into the measurement (validated). */
    public Duration atDuration() {
        return DurationText.require(at);
    }

    /** How long the node stays down, when it is brought back. */
    public Optional<Duration> restartAfterDuration() {
        return Optional.ofNullable(restartAfter).map(DurationText::require);
    }

    /**
     * The node's ordinal in its StatefulSet and among the local runner's servers: the primary is 0, standby-N
     * and replica-N are N; empty for a name that does not follow {@link #NODE_PATTERN}.
     */
    public static Optional<Integer> ordinal(String node) {
        Matcher matcher = node == null ? null : NODE.matcher(node);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(node.equals("primary") ? 0 : Integer.parseInt(node.substring(node.indexOf('-') + 1)));
    }
}
