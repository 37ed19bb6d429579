package io.ledgerbench.loadgen.driver;

/** Told each time a driver retries a transfer, with the reason (e.g. serialization_failure). */
@FunctionalInterface
public interface RetryListener {

    void retried(String reason);
}
