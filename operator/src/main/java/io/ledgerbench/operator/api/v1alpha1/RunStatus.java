package io.ledgerbench.operator.api.v1alpha1;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.result.LatencySummary;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.loadgen.result.ValidityWarning;
import java.util.List;

/**
 * One finished run as status shows it; the full result, histograms included, is in the results ConfigMap. In
 * saturation mode the figures are the sustainable step's, beside the sustainable rate and the p99 there (null
 * in the other modes, and when the search found none). With spec.faults, the longest stretch of the measurement
 * with no answered transfer (seconds) and whether every fault did what replication predicts; with a client round
 * trip added, the median measured (null otherwise).
 */
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
        double clientJitSeconds,
        InvariantStatus invariants,
        boolean valid,
        List<String> warnings,
        RunResourcesStatus resources,
        Double sustainableRate,
        Double p99AtSustainableMs,
        Double longestGapSeconds,
        Boolean faultsAsExpected,
        Double clientRoundTripMeasuredMs) {

    public RunStatus {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static RunStatus of(RunResult result) {
        InvariantReport invariants = result.invariants();
        return new RunStatus(result.run(), result.throughputPerSec(), result.latencyMs(), result.counts().completed(),
                result.counts().rejected(), result.counts().failed(), result.errorRate(),
                result.batchSize() == null ? null : result.batchSize().mean(), result.clientCpuMax(),
                result.clientJitSeconds(),
                new InvariantStatus(invariants.ok(), invariants.expectedTotalBalance(), invariants.actualTotalBalance(),
                        invariants.completedTransfers(), invariants.storedTransfers(), invariants.violations()),
                result.valid(), result.warnings().stream().map(ValidityWarning::message).toList(),
                RunResourcesStatus.of(result.clusterResources()),
                result.saturation() == null ? null : result.saturation().sustainableRatePerSec(),
                result.saturation() == null ? null : result.saturation().p99AtSustainableMs(),
                result.faults() == null ? null : result.faults().longestGapSeconds(),
                result.faults() == null ? null : result.faults().faults().stream()
                        .allMatch(io.ledgerbench.loadgen.fault.FaultOutcome::asExpected),
                result.network() == null || result.network().clientRoundTripMeasuredMs() == null ? null
                        : result.network().clientRoundTripMeasuredMs().p50Ms());
    }
}
