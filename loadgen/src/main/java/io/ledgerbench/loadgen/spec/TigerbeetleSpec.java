package io.ledgerbench.loadgen.spec;

/** TigerBeetle settings of a run. */
public record TigerbeetleSpec(Long clusterId) {

    public TigerbeetleSpec {
        clusterId = clusterId == null ? 0L : clusterId;
    }

    public static TigerbeetleSpec defaults() {
        return new TigerbeetleSpec(null);
    }
}
