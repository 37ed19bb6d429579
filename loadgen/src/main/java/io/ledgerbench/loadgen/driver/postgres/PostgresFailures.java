package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.TransferResult;
import io.vertx.pgclient.PgException;

/** Sorts PostgreSQL errors into retryable conflicts and failures, with low-cardinality reason names. */
final class PostgresFailures {

    static final String SERIALIZATION_FAILURE = "serialization_failure";
    static final String DEADLOCK_DETECTED = "deadlock_detected";

    private PostgresFailures() {
    }

    /** The reason name for an error: a known SQLSTATE name, sqlstate_XXXXX, or the kind of client error. */
    static String reason(Throwable error) {
        if (error instanceof PgException pg) {
            return switch (pg.getSqlState() == null ? "" : pg.getSqlState()) {
                case "40001" -> SERIALIZATION_FAILURE;
                case "40P01" -> DEADLOCK_DETECTED;
                case "57P01", "57P02" -> TransferResult.SERVER_SHUTDOWN;
                // "the database system is starting up": refused at connect, so certainly not applied.
                case "57P03" -> TransferResult.CONNECTION_REFUSED;
                case "53300" -> "too_many_connections";
                default -> "sqlstate_" + pg.getSqlState();
            };
        }
        if (error instanceof java.net.ConnectException) {
            return TransferResult.CONNECTION_REFUSED;
        }
        String name = error.getClass().getSimpleName();
        if (name.contains("Closed") || name.contains("Connect") || error instanceof java.io.IOException) {
            return TransferResult.CONNECTION_LOST;
        }
        return "client_error_" + name;
    }

    /** Conflicts that a retry of the whole transfer resolves. */
    static boolean isRetryable(String reason) {
        return SERIALIZATION_FAILURE.equals(reason) || DEADLOCK_DETECTED.equals(reason);
    }
}
