package io.ledgerbench.loadgen.driver;

/** The outcome of one transfer as the driver saw it; failureReason names the cause of a failure. */
public record TransferResult(TransferOutcome outcome, String failureReason) {

    public static final TransferResult COMPLETED = new TransferResult(TransferOutcome.COMPLETED, null);
    public static final TransferResult REJECTED = new TransferResult(TransferOutcome.REJECTED, null);

    /** Failure reason of a transfer sent but not answered by the drain deadline. */
    public static final String UNANSWERED = "unanswered_at_drain_deadline";
    /** Failure reason of a transfer whose request the driver stopped waiting for (its engine's bound). */
    public static final String UNANSWERED_IN_TIME = "unanswered_within_request_timeout";

    /** Whether a failure with this reason may still have committed (sent, never answered). */
    public static boolean isInDoubt(String failureReason) {
        return UNANSWERED.equals(failureReason) || UNANSWERED_IN_TIME.equals(failureReason);
    }

    public static TransferResult failed(String reason) {
        return new TransferResult(TransferOutcome.FAILED, reason);
    }
}
