package io.ledgerbench.loadgen.driver;

/** The outcome of one transfer as the driver saw it; failureReason names the cause of a failure. */
public record TransferResult(TransferOutcome outcome, String failureReason) {

    public static final TransferResult COMPLETED = new TransferResult(TransferOutcome.COMPLETED, null);
    public static final TransferResult REJECTED = new TransferResult(TransferOutcome.REJECTED, null);

    public static TransferResult failed(String reason) {
        return new TransferResult(TransferOutcome.FAILED, reason);
    }
}
