package io.ledgerbench.operator.api.v1alpha1;

import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.result.ValidityWarning;
import io.ledgerbench.loadgen.stats.MetricSummary;
import java.util.List;

/**
 * Statistics over all runs (mean, stddev, CV, 95 % CI) and the verdict: valid, and every warning; in saturation
 * mode the sustainable rate across runs and the p99 there (all runs' sustainable steps pooled) too (else null).
 */
public record SummaryStatus(MetricSummary throughput, MetricSummary p99Ms, MetricSummary errorRate,
                            boolean invariantsOk, boolean valid, List<String> warnings,
                            MetricSummary sustainableRate, Double p99AtSustainableMs) {

    public SummaryStatus {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public static SummaryStatus of(AggregateResult aggregate) {
        return new SummaryStatus(aggregate.throughputPerSec(), aggregate.latencyP99Ms(), aggregate.errorRate(),
                aggregate.invariantsOk(), aggregate.valid(),
                aggregate.warnings().stream().map(ValidityWarning::message).toList(), aggregate.sustainableRatePerSec(),
                aggregate.p99AtSustainableMs());
    }
}
