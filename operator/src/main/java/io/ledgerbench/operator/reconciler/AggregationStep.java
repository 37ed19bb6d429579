package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.result.ResultCalculator;
import io.ledgerbench.loadgen.result.ResultsReport;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.ledgerbench.operator.api.v1alpha1.SummaryStatus;
import io.ledgerbench.operator.dependent.ResultsStore;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * SPEC section 8, step 4: statistics and validity over every stored run (loadgen's code, the same
 * the local runner uses), aggregate.json, comparison.csv and report.txt in the results ConfigMap,
 * the summary in status.
 */
final class AggregationStep {

    private final ResultsStore results;

    AggregationStep(KubernetesClient client) {
        this.results = new ResultsStore(client);
    }

    StepOutcome aggregate(BenchmarkRun owner) {
        List<RunResult> runs = results.runs(owner);
        int expected = owner.getSpec().runs();
        Set<Integer> stored = runs.stream().map(RunResult::run).collect(Collectors.toSet());
        List<Integer> missing = IntStream.rangeClosed(1, expected).filter(run -> !stored.contains(run)).boxed().toList();
        if (!missing.isEmpty()) {
            return new StepOutcome.Fail("ResultsMissing", "the results ConfigMap has no result for run(s) " + missing);
        }
        AggregateResult aggregate = ResultCalculator.aggregate(runs);
        results.writeAggregate(owner, aggregate, runs, ResultsReport.render(aggregate, runs));
        BenchmarkRunStatus status = owner.getStatus();
        status.setSummary(SummaryStatus.of(aggregate));
        status.setThroughput(round(aggregate.throughputPerSec().mean(), 1));
        // Every run's transfers pooled (histograms added): never a mean of percentiles.
        status.setP99Ms(round(aggregate.pooledLatencyMs().p99Ms(), 3));
        status.setValid(aggregate.valid());
        return new StepOutcome.Advance(BenchmarkPhase.Succeeded, expected);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
