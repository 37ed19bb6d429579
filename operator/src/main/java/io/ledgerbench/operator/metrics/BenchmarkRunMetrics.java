package io.ledgerbench.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.ledgerbench.operator.api.v1alpha1.RoundTripStatus;
import io.ledgerbench.operator.api.v1alpha1.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The operator's gauges per BenchmarkRun (SPEC section 10): its phase (1 for the current one, 0 for
 * the others, as kube-state-metrics does for pods), every finished run's result, and the round trips
 * between its database nodes. They outlive the load-generator pods, whose own metrics end with them.
 */
public final class BenchmarkRunMetrics {

    static final String PHASE = "ledgerbench.benchmarkrun.phase";
    static final String CURRENT_RUN = "ledgerbench.benchmarkrun.run";
    static final String RESULT_THROUGHPUT = "ledgerbench.benchmarkrun.result.throughput";
    static final String RESULT_LATENCY = "ledgerbench.benchmarkrun.result.latency";
    static final String RESULT_VALID = "ledgerbench.benchmarkrun.result.valid";
    static final String ROUND_TRIP = "ledgerbench.database.round.trip";
    private static final double SECONDS_PER_MILLI = 1e-3;

    private final MeterRegistry registry;
    private final Map<String, Series> byRun = new ConcurrentHashMap<>();
    /**
     * UIDs of deleted runs. A reconcile that was already under way, or a retry of one, can still hand
     * over a deleted run after its delete was seen; it must not bring the run's series back.
     */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    public BenchmarkRunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Brings the run's series up to its status: the phase it is in, and results not yet published. */
    public void observe(BenchmarkRun run) {
        BenchmarkRunStatus status = run.getStatus();
        String uid = run.getMetadata().getUid();
        if (status == null || status.getPhase() == null || deleted.contains(uid)) {
            return;
        }
        Series series = byRun.compute(key(run), (key, existing) -> {
            if (existing != null && existing.uid.equals(uid)) {
                return existing;
            }
            if (existing != null) {
                existing.meters.forEach(registry::remove);  // a run of the same name, deleted and created again
            }
            return new Series(run);
        });
        series.phase = status.getPhase();
        series.run = status.getRun() == null ? 0 : status.getRun();
        for (RunStatus result : status.getRuns()) {
            series.publishResult(result);
        }
        if (status.getEnvironment() != null) {
            status.getEnvironment().databaseRoundTrips().forEach(series::publishRoundTrip);
        }
    }

    /** Removes every series of a deleted run, so a dashboard never shows a run that is gone. */
    public void forget(BenchmarkRun run) {
        deleted.add(run.getMetadata().getUid());
        Series series = byRun.remove(key(run));
        if (series != null) {
            series.meters.forEach(registry::remove);
        }
    }

    private static String key(HasMetadata run) {
        return run.getMetadata().getNamespace() + "/" + run.getMetadata().getName();
    }

    /** One run's gauges; the phase gauges read the fields, results are constants once published. */
    private final class Series {
        private final String uid;
        private final Tags tags;
        private final List<Meter> meters = new CopyOnWriteArrayList<>();
        private final Set<Integer> publishedResults = new HashSet<>();
        private final Set<String> publishedRoundTrips = new HashSet<>();
        private volatile BenchmarkPhase phase;
        private volatile int run;

        Series(BenchmarkRun owner) {
            uid = owner.getMetadata().getUid();
            String engine = owner.getSpec() == null ? "" : owner.getSpec().database().engine().specValue();
            String mode = owner.getSpec() == null ? "" : owner.getSpec().workload().mode().specValue();
            tags = Tags.of("namespace", owner.getMetadata().getNamespace(), "benchmarkrun",
                    owner.getMetadata().getName(), "engine", engine, "mode", mode);
            for (BenchmarkPhase each : BenchmarkPhase.values()) {
                meters.add(Gauge.builder(PHASE, this, series -> series.phase == each ? 1 : 0)
                        .description("1 for the phase the BenchmarkRun is in, 0 for the others")
                        .tags(tags.and("phase", each.name())).register(registry));
            }
            meters.add(Gauge.builder(CURRENT_RUN, this, series -> series.run)
                    .description("The run the BenchmarkRun is at (1-based; 0 before the first)")
                    .tags(tags).register(registry));
        }

        synchronized void publishResult(RunStatus result) {
            if (!publishedResults.add(result.run())) {
                return;
            }
            Tags runTags = tags.and("run", Integer.toString(result.run()));
            constant(Gauge.builder(RESULT_THROUGHPUT, result::throughput).baseUnit("transfers_per_second")
                    .description("A finished run's measured throughput").tags(runTags));
            constant(Gauge.builder(RESULT_VALID, () -> result.valid() ? 1 : 0)
                    .description("1 when a finished run's invariants held and no validity rule failed").tags(runTags));
            var latency = result.latencyMs();
            if (latency != null) {
                latencyGauge(runTags, "p50", latency.p50Ms());
                latencyGauge(runTags, "p95", latency.p95Ms());
                latencyGauge(runTags, "p99", latency.p99Ms());
                latencyGauge(runTags, "p99.9", latency.p999Ms());
            }
        }

        synchronized void publishRoundTrip(RoundTripStatus pair) {
            String key = pair.fromNode() + "->" + pair.toNode();
            if (!publishedRoundTrips.add(key)) {
                return;
            }
            Tags pairTags = tags.and("from_node", pair.fromNode(), "to_node", pair.toNode());
            roundTripGauge(pairTags, "mean", pair.meanMs());
            roundTripGauge(pairTags, "p95", pair.p95Ms());
            roundTripGauge(pairTags, "p99", pair.p99Ms());
        }

        private void latencyGauge(Tags runTags, String percentile, double millis) {
            constant(Gauge.builder(RESULT_LATENCY, () -> millis * SECONDS_PER_MILLI).baseUnit("seconds")
                    .description("A finished run's latency percentile from the intended start")
                    .tags(runTags.and("percentile", percentile)));
        }

        private void roundTripGauge(Tags pairTags, String statistic, double millis) {
            constant(Gauge.builder(ROUND_TRIP, () -> millis * SECONDS_PER_MILLI).baseUnit("seconds")
                    .description("TCP round trip between two database nodes, measured before the first run")
                    .tags(pairTags.and("statistic", statistic)));
        }

        private void constant(Gauge.Builder<?> gauge) {
            meters.add(gauge.strongReference(true).register(registry));
        }
    }
}
