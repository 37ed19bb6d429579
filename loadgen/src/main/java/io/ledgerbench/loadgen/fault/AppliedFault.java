package io.ledgerbench.loadgen.fault;

import io.ledgerbench.loadgen.spec.FaultAction;

/**
 * A fault as it happened, in nanoseconds from the measurement's start: when it was planned, when it was
 * applied (null if it could not be), when its node was started again (null if it was not), what the
 * database was expected to do meanwhile, what was done, and why it failed (null if it did not).
 */
public record AppliedFault(
        String node,
        FaultAction action,
        long plannedAtNanos,
        Long appliedAtNanos,
        Long restartedAtNanos,
        FaultExpectation expectation,
        String detail,
        String error) {

    /** This fault with its node back at atNanos (what brought it back appended to the detail). */
    public AppliedFault restarted(long atNanos, String what) {
        return new AppliedFault(node, action, plannedAtNanos, appliedAtNanos, atNanos, expectation,
                detail + "; " + what, error);
    }

    AppliedFault restartFailed(String why) {
        return new AppliedFault(node, action, plannedAtNanos, appliedAtNanos, null, expectation, detail,
                "restart failed: " + why);
    }
}
