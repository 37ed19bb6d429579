package io.ledgerbench.loadgen.driver;

/** The outcome of one transfer as the driver saw it; failureReason names the cause of a failure. */
public record TransferResult(TransferOutcome outcome, String failureReason) {

    public static final TransferResult COMPLETED = new TransferResult(TransferOutcome.COMPLETED, null);
    public static final TransferResult REJECTED = new TransferResult(TransferOutcome.REJECTED, null);

    /** Failure reason of a transfer sent but not answered by the drain deadline. */
    public static final String UNANSWERED = "unanswered_at_drain_deadline";
    /** Failure reason of a transfer whose request the driver stopped waiting for (its engine's bound). */
    public static final String UNANSWERED_IN_TIME = "unanswered_within_request_timeout";

    /** Failure reason of a transfer whose connection broke before its answer came: it may have committed. */
    public static final String CONNECTION_LOST = "connection_lost";
    /** Failure reason of a transfer whose session the server ended (a shutdown): its commit may have been made. */
    public static final String SERVER_SHUTDOWN = "server_shutdown";
    /** Failure reason of a transfer that found no server to connect to: certainly not applied. */
    public static final String CONNECTION_REFUSED = "connection_refused";

    /** Whether a failure with this reason says the database could not be reached (a node down, restarting). */
    public static boolean isUnreachable(String failureReason) {
        return CONNECTION_LOST.equals(failureReason) || CONNECTION_REFUSED.equals(failureReason)
                || SERVER_SHUTDOWN.equals(failureReason);
    }

    /** Whether a failure with this reason may still have committed (sent, never answered). */
    public static boolean isInDoubt(String failureReason) {
        return UNANSWERED.equals(failureReason) || UNANSWERED_IN_TIME.equals(failureReason)
                || CONNECTION_LOST.equals(failureReason) || SERVER_SHUTDOWN.equals(failureReason);
    }

    public static TransferResult failed(String reason) {
        return new TransferResult(TransferOutcome.FAILED, reason);
    }
}
