package io.ledgerbench.loadgen.fault;

import io.ledgerbench.loadgen.spec.FaultAction;

/** The database nodes a run's faults act on: the local runner's processes, or the operator's pods. */
public interface FaultTarget {

    /** Applies action to node now; returns what was done, for the result (e.g. "SIGKILL to 9 processes"). */
    String apply(FaultAction action, String node);

    /** Starts node again (it was brought down by {@link #apply}); returns what was done. */
    String restart(String node);
}
