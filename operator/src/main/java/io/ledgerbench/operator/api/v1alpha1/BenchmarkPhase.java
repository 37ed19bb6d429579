package io.ledgerbench.operator.api.v1alpha1;

/**
 * Where a BenchmarkRun is. Within a run the order is Loading, Running, Verifying; the (run, phase)
 * pair only moves forward, and Succeeded and Failed are final.
 */
public enum BenchmarkPhase {
    Pending,
    Queued,
    Provisioning,
    Loading,
    Running,
    Verifying,
    Aggregating,
    Succeeded,
    Failed;

    public boolean isFinal() {
        return this == Succeeded || this == Failed;
    }
}
