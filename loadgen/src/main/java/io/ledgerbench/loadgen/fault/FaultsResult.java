package io.ledgerbench.loadgen.fault;

import java.util.List;

/**
 * What a run's faults did: the longest stretch of the measurement with no answered transfer (from a
 * timeline of timelineResolutionSeconds; its start from the measurement's start), each fault's outcome,
 * and where the invariants were checked after recovery.
 */
public record FaultsResult(
        double timelineResolutionSeconds,
        double longestGapSeconds,
        double longestGapStartSeconds,
        List<FaultOutcome> faults,
        String invariantsCheckedOn) {

    public FaultsResult {
        faults = List.copyOf(faults);
    }

    /** This result saying where the invariants were checked. */
    public FaultsResult checkedOn(String nodes) {
        return new FaultsResult(timelineResolutionSeconds, longestGapSeconds, longestGapStartSeconds, faults, nodes);
    }
}
