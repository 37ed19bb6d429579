package io.ledgerbench.loadgen.driver;

/**
 * Told what a driver does besides answering transfers: each retry of a transfer, with its reason
 * (e.g. serialization_failure), and the real size of every batch it sends to a batching engine.
 */
public interface DriverListener {

    /** One transfer is being retried. */
    void retried(String reason);

    /** One request carrying this many transfers was sent (batching drivers only). */
    void batchSent(int transfers);

    /**
     * The driver gave up on the database (it could not answer within the driver's bound): no
     * further transfer can succeed, so the run should end now, for this reason.
     */
    default void gaveUp(String reason) {
    }
}
