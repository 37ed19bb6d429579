package io.ledgerbench.loadgen.fault;

import io.ledgerbench.loadgen.spec.FaultAction;

/**
 * One fault in a run's result, in seconds from the measurement's start: when it was planned, applied and
 * its node restarted (null if not); what was expected and whether the database kept answering while the
 * node was down (null if that stretch was too short to tell, or the fault was not applied); answered
 * transfers per second before it, while the node was down, and after its restart (null where that stretch
 * did not happen); how long after the fault the first transfer was answered (null if none was).
 */
public record FaultOutcome(
        String node,
        FaultAction action,
        double plannedAtSeconds,
        Double appliedAtSeconds,
        Double restartedAtSeconds,
        String expected,
        boolean expectedToKeepCommitting,
        Boolean keptCommitting,
        Double answeredPerSecBefore,
        Double answeredPerSecDuring,
        Double answeredPerSecAfter,
        Double firstAnswerAfterSeconds,
        String detail,
        String error) {

    /** Whether the run showed what the replication model predicts (a fault that was not applied did not). */
    public boolean asExpected() {
        return keptCommitting != null && keptCommitting == expectedToKeepCommitting;
    }
}
