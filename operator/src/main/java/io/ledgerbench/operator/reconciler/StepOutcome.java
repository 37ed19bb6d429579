package io.ledgerbench.operator.reconciler;

import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;

/** What one step of a phase decided: keep waiting (and for what), move forward, or fail with a reason. */
sealed interface StepOutcome {

    /**
     * waitingFor completes "waiting for ..." in status and in a timeout's message; recheckAfter, when set, is
     * sooner than the usual recheck (something is due then, e.g. a fault).
     */
    record Wait(String waitingFor, java.time.Duration recheckAfter) implements StepOutcome {

        Wait(String waitingFor) {
            this(waitingFor, null);
        }
    }

    record Advance(BenchmarkPhase phase, int run) implements StepOutcome {
    }

    /** reason is a CamelCase word (a condition reason); message names the pod or field at fault. */
    record Fail(String reason, String message) implements StepOutcome {
    }
}
