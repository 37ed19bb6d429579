package io.ledgerbench.loadgen.measure;

import java.util.Map;

/**
 * Counts of one phase: outcomes, retries by reason, failures by reason, and for open-loop runs
 * the arrivals that had to wait for a free slot (delayed) or were not sent at all (dropped).
 */
public record PhaseCounts(
        long completed,
        long rejected,
        long failed,
        long dropped,
        long delayedArrivals,
        long latencyClamped,
        Map<String, Long> retriesByReason,
        Map<String, Long> failuresByReason) {

    public PhaseCounts {
        retriesByReason = Map.copyOf(retriesByReason);
        failuresByReason = Map.copyOf(failuresByReason);
    }

    /** Transfers the database answered: completed plus rejected plus failed. */
    public long finished() {
        return completed + rejected + failed;
    }

    public long retries() {
        return retriesByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
