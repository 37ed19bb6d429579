package io.ledgerbench.loadgen.spec;

/**
 * TigerBeetle settings of a run. binary: the `tigerbeetle` executable the local runner starts
 * (else $TIGERBEETLE_BIN, else PATH); ignored on Kubernetes, where the image is the server.
 */
public record TigerbeetleSpec(Long clusterId, String binary) {

    public TigerbeetleSpec {
        clusterId = clusterId == null ? 0L : clusterId;
    }

    public static TigerbeetleSpec defaults() {
        return new TigerbeetleSpec(null, null);
    }
}
