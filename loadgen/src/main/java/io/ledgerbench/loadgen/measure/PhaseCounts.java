package io.ledgerbench.loadgen.measure;

import java.util.Map;
import java.util.TreeMap;

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

    /** The counts of two pods (or shares) together: every count and every reason added. */
    public PhaseCounts plus(PhaseCounts other) {
        return new PhaseCounts(completed + other.completed, rejected + other.rejected, failed + other.failed,
                dropped + other.dropped, delayedArrivals + other.delayedArrivals, latencyClamped + other.latencyClamped,
                sum(retriesByReason, other.retriesByReason), sum(failuresByReason, other.failuresByReason));
    }

    private static Map<String, Long> sum(Map<String, Long> left, Map<String, Long> right) {
        Map<String, Long> total = new TreeMap<>(left);
        right.forEach((reason, count) -> total.merge(reason, count, Long::sum));
        return total;
    }

    public long retries() {
        return retriesByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
