package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Pattern;
import java.time.Duration;

/**
 * TigerBeetle settings of a run. binary: the `tigerbeetle` executable the local runner starts
 * (else $TIGERBEETLE_BIN, else PATH); ignored on Kubernetes, where the image is the server.
 * requestTimeout: how long one request may go unanswered before the load generator gives up on the
 * cluster and ends the run (TigerBeetle's client retries forever: without a bound a cluster that lost
 * its quorum would stall the run silently).
 */
public record TigerbeetleSpec(Long clusterId, String binary, @Pattern(DurationText.SCHEMA_PATTERN) String requestTimeout) {

    public static final String DEFAULT_REQUEST_TIMEOUT = "30s";

    public TigerbeetleSpec {
        clusterId = clusterId == null ? 0L : clusterId;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    }

    public static TigerbeetleSpec defaults() {
        return new TigerbeetleSpec(null, null, null);
    }

    public Duration requestTimeoutDuration() {
        return DurationText.require(requestTimeout);
    }
}
