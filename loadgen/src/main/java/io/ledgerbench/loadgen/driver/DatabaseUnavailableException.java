package io.ledgerbench.loadgen.driver;

/** The database could not be reached or did not do what the benchmark needs; the message says what, for a person. */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
