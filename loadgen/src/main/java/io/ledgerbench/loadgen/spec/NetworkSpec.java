package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;

/**
 * Distance added to the network (SPEC section 12): the round trip between the load generator and the
 * database ({@code clientRoundTrip}), between database nodes ({@code nodeRoundTrip}), and a jitter each
 * one-way delay varies by, uniformly within +/- {@code jitter}. Half of a round trip is added to each
 * direction. {@code lossPercent} loses that share of the packets between the load generator and the
 * database, each way. Nothing set (or all 0) is the network as it is. {@code emulation} says how a local
 * run makes the distance (network namespaces by default; see {@link NetworkEmulation}).
 */
public record NetworkSpec(
        @Pattern(DurationText.SCHEMA_PATTERN) String clientRoundTrip,
        @Pattern(DurationText.SCHEMA_PATTERN) String nodeRoundTrip,
        @Pattern(DurationText.SCHEMA_PATTERN) String jitter,
        Double lossPercent,
        NetworkEmulation emulation) {

    /** A round trip far beyond any cloud's (opposite sides of the earth are ~300 ms). */
    public static final Duration MAX_ROUND_TRIP = Duration.ofSeconds(1);
    static final String NONE = "0ms";
    /** Beyond this TCP spends its time retransmitting: a benchmark of the network, not of the database. */
    public static final double MAX_LOSS_PERCENT = 20;

    public NetworkSpec {
        clientRoundTrip = clientRoundTrip == null ? NONE : clientRoundTrip;
        nodeRoundTrip = nodeRoundTrip == null ? NONE : nodeRoundTrip;
        jitter = jitter == null ? NONE : jitter;
        lossPercent = lossPercent == null ? 0.0 : lossPercent;
        emulation = emulation == null ? NetworkEmulation.NAMESPACES : emulation;
    }

    /** As the canonical constructor, with the default emulation. */
    public NetworkSpec(String clientRoundTrip, String nodeRoundTrip, String jitter) {
        this(clientRoundTrip, nodeRoundTrip, jitter, null, null);
    }

    public static NetworkSpec defaults() {
        return new NetworkSpec(null, null, null, null, null);
    }

    public Duration clientRoundTripDuration() {
        return DurationText.require(clientRoundTrip);
    }

    public Duration nodeRoundTripDuration() {
        return DurationText.require(nodeRoundTrip);
    }

    /** The share of packets lost between the load generator and the database, each way (0 to 1). */
    public double lossFraction() {
        return lossPercent / 100;
    }

    public Duration jitterDuration() {
        return DurationText.require(jitter);
    }
}
