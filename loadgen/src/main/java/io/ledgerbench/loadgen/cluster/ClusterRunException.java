package io.ledgerbench.loadgen.cluster;

/** A run in a cluster cannot go on: the barrier never opened, or pods' results are missing. */
public final class ClusterRunException extends RuntimeException {

    public ClusterRunException(String message) {
        super(message);
    }
}
