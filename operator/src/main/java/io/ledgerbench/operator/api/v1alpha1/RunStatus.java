package io.ledgerbench.operator.api.v1alpha1;

import io.ledgerbench.loadgen.result.LatencySummary;
import java.util.List;

/** One finished run as status shows it; the full result, histograms included, is in the results ConfigMap. */
public record RunStatus(
        int run,
        double throughput,
        LatencySummary latencyMs,
        long completed,
        long rejected,
        long failed,
        double errorRate,
        Double batchSizeMean,
        double clientCpuMax,
        InvariantStatus invariants,
        boolean valid,
        List<String> warnings) {

    public RunStatus {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
