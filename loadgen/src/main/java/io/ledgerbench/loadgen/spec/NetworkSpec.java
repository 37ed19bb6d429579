package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;

/**
 * Distance added to the network (SPEC section 12): the round trip between the load generator and the
 * database ({@code clientRoundTrip}), between database nodes ({@code nodeRoundTrip}), and a jitter each
 * one-way delay varies by, uniformly within +/- {@code jitter}. Half of a round trip is added to each
 * direction. Nothing set (or all 0ms) is the network as it is. {@code emulation} says how a local run
 * makes the distance (network namespaces by default; see {@link NetworkEmulation}).
 */
public record NetworkSpec(
        @Pattern(DurationText.SCHEMA_PATTERN) String clientRoundTrip,
        @Pattern(DurationText.SCHEMA_PATTERN) String nodeRoundTrip,
        @Pattern(DurationText.SCHEMA_PATTERN) String jitter,
        NetworkEmulation emulation) {

    /** A round trip far beyond any cloud's (opposite sides of the earth are ~300 ms). */
    public static final Duration MAX_ROUND_TRIP = Duration.ofSeconds(1);
    static final String NONE = "0ms";

    public NetworkSpec {
        clientRoundTrip = clientRoundTrip == null ? NONE : clientRoundTrip;
        nodeRoundTrip = nodeRoundTrip == null ? NONE : nodeRoundTrip;
        jitter = jitter == null ? NONE : jitter;
        emulation = emulation == null ? NetworkEmulation.NAMESPACES : emulation;
    }

    /** As the canonical constructor, with the default emulation. */
    public NetworkSpec(String clientRoundTrip, String nodeRoundTrip, String jitter) {
        this(clientRoundTrip, nodeRoundTrip, jitter, null);
    }

    public static NetworkSpec defaults() {
        return new NetworkSpec(null, null, null, null);
    }

    public Duration clientRoundTripDuration() {
        return DurationText.require(clientRoundTrip);
    }

    public Duration nodeRoundTripDuration() {
        return DurationText.require(nodeRoundTrip);
    }

    public Duration jitterDuration() {
        return DurationText.require(jitter);
    }
}
