package io.ledgerbench.loadgen.result;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.fault.AppliedFault;
import io.ledgerbench.loadgen.fault.AvailabilityAnalysis;
import io.ledgerbench.loadgen.fault.FaultOutcome;
import io.ledgerbench.loadgen.fault.FaultsResult;
import io.ledgerbench.loadgen.network.NetworkResult;
import io.ledgerbench.loadgen.measure.BatchSizeHistograms;
import io.ledgerbench.loadgen.measure.LatencyHistograms;
import io.ledgerbench.loadgen.measure.PhaseCounts;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import io.ledgerbench.loadgen.spec.LoadMode;
import io.ledgerbench.loadgen.spec.ValidationSpec;
import io.ledgerbench.loadgen.resources.ResourceSummary;
import io.ledgerbench.loadgen.stats.MetricSummary;
import io.ledgerbench.loadgen.stats.SampleStatistics;
import io.ledgerbench.loadgen.saturation.MeasuredStep;
import io.ledgerbench.loadgen.saturation.SaturationMeasurement;
import io.ledgerbench.loadgen.saturation.SaturationResult;
import io.ledgerbench.loadgen.saturation.SaturationStep;
import io.ledgerbench.loadgen.saturation.ServiceObjective;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/** Turns measurements into results and judges them against the validation thresholds (SPEC section 6). */
public final class ResultCalculator {

    /**
     * JIT compilation time during the measurement, as a share of it, above which the client is
     * still warming up. A warm load generator compiles little more than the odd recompilation.
     */
    static final double MAX_CLIENT_JIT_SHARE = 0.05;

    private ResultCalculator() {
    }

    /** The result of one run from what it measured and the invariant check after it. */
    public static RunResult runResult(String name, int run, BenchmarkRunSpec spec, long seed, Instant startedAt,
                                      Instant finishedAt, RunMeasurement measurement, InvariantReport invariants,
                                      Environment environment) {
        Double target = spec.workload().mode() == LoadMode.FIXED_RATE ? spec.workload().targetRate() : null;
        return runResult(name, run, spec, seed, startedAt, finishedAt, measurement, invariants, environment, target,
                List.of(), null);
    }

    /**
     * The result of one saturation search: its own figures are the step's at the sustainable rate (the lowest
     * rate tried if none held, the probe's if no step ran), the search's answer and curve beside them.
     * Invariants were checked after the whole search. A search that found no sustainable rate is invalid.
     */
    public static RunResult saturationRunResult(String name, int run, BenchmarkRunSpec spec, long seed,
                                                Instant startedAt, Instant finishedAt, SaturationMeasurement search,
                                                InvariantReport invariants, Environment environment) {
        ServiceObjective objective = ServiceObjective.of(spec.workload().saturation());
        SaturationResult answer = search.result(objective);
        MeasuredStep shown = search.shownStep(answer);
        if (shown == null) {
            throw new IllegalArgumentException("a saturation search without a probe or a step measured nothing");
        }
        List<ValidityWarning> warnings = new ArrayList<>();
        if (answer.sustainableRatePerSec() == null) {
            warnings.add(new ValidityWarning("no_sustainable_rate", String.format(Locale.ROOT, "no step held the"
                    + " objective (p99 <= %.2f ms, answers keeping pace with %.1f %% of the scheduled arrivals, nothing"
                    + " dropped or failed): %s",
                    objective.p99Ms(), objective.minAchievedRatio() * 100, answer.endReason()), true));
        } else if (!answer.saturationReached()) {
            warnings.add(new ValidityWarning("saturation_not_reached", String.format(Locale.ROOT, "every rate tried"
                    + " held the objective (%s): the sustainable rate is at least %.1f/s, not the most",
                    answer.endReason(), answer.sustainableRatePerSec()), false));
        }
        search.steps().stream().filter(step -> step != shown && step.merged().stoppedEarlyReason() != null)
                .forEach(step -> warnings.add(new ValidityWarning("step_stopped_early", "the database stopped"
                        + " answering in step " + step.step() + ", so the search did not converge: "
                        + step.merged().stoppedEarlyReason(), true)));
        SaturationStep bound = answer.bound();
        if (bound != null && bound.clientCpuMax() > spec.validation().maxClientCpu()) {
            warnings.add(new ValidityWarning("client_saturated_at_bound", String.format(Locale.ROOT, "the load"
                    + " generator's CPU peaked at %.0f %% in step %d (%.1f/s), the step that bounds the answer: the"
                    + " bound may be the client's, not the database's", bound.clientCpuMax() * 100, bound.step(),
                    bound.offeredRatePerSec()), false));
        }
        Double target = shown == search.probe() ? null : shown.offeredRatePerSec();
        return runResult(name, run, spec, seed, startedAt, finishedAt, shown.merged(), invariants, environment,
                target, warnings, answer);
    }

    private static RunResult runResult(String name, int run, BenchmarkRunSpec spec, long seed, Instant startedAt,
                                       Instant finishedAt, RunMeasurement measurement, InvariantReport invariants,
                                       Environment environment, Double target, List<ValidityWarning> searchWarnings,
                                       SaturationResult saturation) {
        PhaseCounts counts = measurement.measurement().counts();
        Histogram batchSizes = measurement.measurement().batchSizes();
        // A run stopped during its warmup measured nothing: rates over an empty window are 0, and it is invalid below.
        double seconds = Math.max(measurement.measurementWindowNanos(), 1) / 1e9;
        long answered = counts.completed() + counts.rejected();
        double errorRate = counts.finished() == 0 ? 0 : (double) counts.failed() / counts.finished();
        double achieved = counts.finished() / seconds;
        ValidationSpec thresholds = spec.validation();

        List<ValidityWarning> warnings = new ArrayList<>(searchWarnings);
        if (!invariants.ok()) {
            warnings.add(new ValidityWarning("invariant_violated", "invariant check failed: "
                    + String.join("; ", invariants.violations()), true));
        }
        if (measurement.stoppedEarlyReason() != null) {
            warnings.add(new ValidityWarning("stopped_early", "the run ended before its planned end: "
                    + measurement.stoppedEarlyReason(), true));
        }
        if (errorRate > thresholds.maxErrorRate()) {
            warnings.add(new ValidityWarning("error_rate_high", String.format("error rate %.2f %% exceeds %.2f %%",
                    errorRate * 100, thresholds.maxErrorRate() * 100), true));
        }
        if (counts.finished() == 0) {
            warnings.add(new ValidityWarning("no_transfers", "no transfer was answered during measurement", true));
        }
        if (measurement.clientCpuMax() > thresholds.maxClientCpu()) {
            warnings.add(new ValidityWarning("client_saturated", String.format("load generator CPU peaked at %.0f %%"
                    + " (limit %.0f %%): the result may measure the client, not the database",
                    measurement.clientCpuMax() * 100, thresholds.maxClientCpu() * 100), false));
        }
        if (measurement.clientJitSeconds() > MAX_CLIENT_JIT_SHARE * seconds) {
            warnings.add(new ValidityWarning("client_warming_up", String.format("the load generator's JIT compilers"
                    + " worked %.1f s during the %.0f s measurement: its own warmup reached into the results"
                    + " (lengthen spec.workload.warmup)", measurement.clientJitSeconds(), seconds), false));
        }
        if (counts.dropped() > 0) {
            warnings.add(new ValidityWarning("arrivals_dropped", counts.dropped()
                    + " arrivals were dropped because maxConcurrency transfers were in flight", false));
        }
        if (counts.latencyClamped() > 0) {
            warnings.add(new ValidityWarning("latency_clamped", counts.latencyClamped()
                    + " latencies exceeded 60 s and were recorded as 60 s", false));
        }
        boolean valid = warnings.stream().noneMatch(ValidityWarning::invalidating);
        return new RunResult(name, run, spec.runs(), startedAt, finishedAt, seed, seconds, counts,
                measurement.warmup().counts(), answered / seconds, counts.completed() / seconds,
                counts.rejected() / seconds, counts.failed() / seconds, target, achieved,
                target == null ? null : achieved / target, errorRate,
                LatencySummary.of(measurement.measurement().latency()),
                LatencySummary.of(measurement.measurement().serviceTime()),
                BatchSizeSummary.of(batchSizes),
                measurement.clientCpuMax(), measurement.clientJitSeconds(), invariants, valid, warnings,
                measurement.answeredPerSecond(),
                LatencyHistograms.encode(measurement.measurement().latency()),
                LatencyHistograms.encode(measurement.measurement().serviceTime()),
                BatchSizeHistograms.encodeUnlessEmpty(batchSizes),
                environment, spec, null, null, saturation, null, null);
    }

    /**
     * The result with what its faults did, read from the measurement's fine timeline (the measurement starts
     * warmupNanos into it), and where the invariants were checked. A fault that could not be applied
     * invalidates the run (it did not test what it says); an outcome other than the expected one is a finding
     * the reader must see, not a reason to discard the run.
     */
    public static RunResult withFaults(RunResult result, RunMeasurement measurement, long warmupNanos,
                                       List<AppliedFault> applied, String invariantsCheckedOn) {
        // A pod of an older image keeps no fine timeline: the per-second one gives the gap to within a second.
        FaultsResult faults = (measurement.answeredPerTenthSecond() != null
                ? AvailabilityAnalysis.analyse(measurement.answeredPerTenthSecond(), warmupNanos,
                measurement.measurementWindowNanos(), applied)
                : AvailabilityAnalysis.analyse(measurement.answeredPerSecond(), 1_000_000_000L, warmupNanos,
                measurement.measurementWindowNanos(), applied)).checkedOn(invariantsCheckedOn);
        List<ValidityWarning> warnings = new ArrayList<>();
        int planned = result.spec().faults().size();
        long happened = faults.faults().stream().filter(fault -> fault.appliedAtSeconds() != null).count();
        if (happened < planned) {
            String why = faults.faults().stream().filter(fault -> fault.appliedAtSeconds() == null)
                    .map(fault -> fault.node() + ": " + fault.error()).reduce((a, b) -> a + "; " + b)
                    .orElse("the run ended before");
            warnings.add(new ValidityWarning("fault_not_applied", (planned - happened) + " of " + planned
                    + " faults did not happen (" + why + "): the run did not test what its spec asks", true));
        }
        for (FaultOutcome fault : faults.faults()) {
            if (fault.error() != null && fault.appliedAtSeconds() != null) {
                warnings.add(new ValidityWarning("fault_restart_failed", fault.node() + " was not restarted: "
                        + fault.error(), false));
            }
            if (fault.keptCommitting() != null && !fault.asExpected()) {
                warnings.add(new ValidityWarning("fault_outcome_unexpected", String.format(Locale.ROOT,
                        "with %s down from +%.1f s the database %s, but its replication predicts it %s",
                        fault.node(), fault.appliedAtSeconds(), fault.keptCommitting() ? "kept answering"
                                : "answered nothing", fault.expected()), false));
            }
        }
        return result.withFaults(faults, warnings);
    }

    /**
     * The result with the distance its network was given and the round trips measured across it. A measured
     * median round trip far from the one asked for means the run did not have the distance it claims: invalid;
     * one not measured is said to be so.
     */
    public static RunResult withNetwork(RunResult result, NetworkResult network) {
        List<ValidityWarning> warnings = new ArrayList<>();
        checkRoundTrip("client to database", network.clientRoundTripMs(), network.clientRoundTripMeasuredMs(),
                warnings);
        checkRoundTrip("between database nodes", network.nodeRoundTripMs(), network.nodeRoundTripMeasuredMs(),
                warnings);
        return result.withNetwork(network, warnings);
    }

    /** How far a measured median may stray from the round trip asked for: 20 %, and 0.5 ms of scheduling. */
    static final double ROUND_TRIP_TOLERANCE = 0.2;
    static final double ROUND_TRIP_SLACK_MS = 0.5;

    private static void checkRoundTrip(String link, double requestedMs, LatencySummary measured,
                                       List<ValidityWarning> warnings) {
        if (requestedMs == 0) {
            return;
        }
        if (measured == null || measured.count() == 0) {
            warnings.add(new ValidityWarning("network_delay_unmeasured", "the round trip " + link + " was not"
                    + " measured: the distance asked for is not shown to be there", false));
            return;
        }
        double allowed = requestedMs * ROUND_TRIP_TOLERANCE + ROUND_TRIP_SLACK_MS;
        if (Math.abs(measured.p50Ms() - requestedMs) > allowed) {
            warnings.add(new ValidityWarning("network_delay_off", String.format(Locale.ROOT, "the round trip %s"
                    + " measured %.2f ms (median) where %.2f ms was asked for: the run did not have the distance it"
                    + " claims", link, measured.p50Ms(), requestedMs), true));
        }
    }

    /** The aggregate of a BenchmarkRun's runs (at least one). */
    public static AggregateResult aggregate(List<RunResult> runs) {
        RunResult first = runs.getFirst();
        BenchmarkRunSpec spec = first.spec();
        ValidationSpec thresholds = spec.validation();
        MetricSummary throughput = summarize(runs, RunResult::throughputPerSec);
        MetricSummary p99 = summarize(runs, run -> run.latencyMs().p99Ms());

        List<ValidityWarning> warnings = new ArrayList<>();
        for (RunResult run : runs) {
            for (ValidityWarning warning : run.warnings()) {
                warnings.add(new ValidityWarning(warning.code(), "run " + run.run() + ": " + warning.message(),
                        warning.invalidating()));
            }
        }
        if (throughput.cv() != null && throughput.cv() > thresholds.maxThroughputCV()) {
            warnings.add(new ValidityWarning("throughput_cv_high", String.format("throughput varies across runs:"
                    + " CV %.1f %% exceeds %.1f %%", throughput.cv() * 100, thresholds.maxThroughputCV() * 100), false));
        }
        if (p99.cv() != null && p99.cv() > thresholds.maxP99CV()) {
            warnings.add(new ValidityWarning("p99_cv_high", String.format("p99 latency varies across runs:"
                    + " CV %.1f %% exceeds %.1f %%", p99.cv() * 100, thresholds.maxP99CV() * 100), false));
        }
        if (runs.size() < 2) {
            warnings.add(new ValidityWarning("single_run", "one run only: no spread and no confidence interval", false));
        }
        boolean invariantsOk = runs.stream().allMatch(run -> run.invariants().ok());
        // Saturation figures only where every run is a search that found a sustainable rate.
        boolean sustainable = runs.stream().allMatch(run -> run.saturation() != null
                && run.saturation().sustainableRatePerSec() != null);
        boolean valid = runs.stream().allMatch(RunResult::valid);
        return new AggregateResult(first.name(), first.environment().engine(), runs.size(), first.seed(), throughput,
                summarize(runs, run -> run.latencyMs().p50Ms()),
                summarize(runs, run -> run.latencyMs().p95Ms()),
                p99,
                summarize(runs, run -> run.latencyMs().p999Ms()),
                summarize(runs, run -> run.latencyMs().maxMs()),
                summarize(runs, RunResult::errorRate),
                summarize(runs, RunResult::clientCpuMax),
                summarize(runs, RunResult::achievedRatePerSec),
                LatencySummary.of(pooled(runs, RunResult::latencyHistogram)),
                LatencySummary.of(pooled(runs, RunResult::serviceTimeHistogram)),
                BatchSizeSummary.of(BatchSizeHistograms.merge(runs.stream().map(RunResult::batchSizeHistogram)
                        .map(BatchSizeHistograms::decodeOrEmpty).toList())),
                invariantsOk, valid, warnings, first.environment(), spec,
                ResourceSummary.of(runs.stream().map(RunResult::resources).toList()),
                sustainable ? summarize(runs, run -> run.saturation().sustainableRatePerSec()) : null,
                // A saturation run's own latency is its sustainable step's: pooled, never a mean of p99s.
                sustainable ? LatencySummary.of(pooled(runs, RunResult::latencyHistogram)).p99Ms() : null);
    }

    private static MetricSummary summarize(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
        // Every aggregated metric is a rate, a latency or a fraction: none can be negative.
        return SampleStatistics.summarizeNonNegative(runs.stream().mapToDouble(metric).toArray());
    }

    private static Histogram pooled(List<RunResult> runs, java.util.function.Function<RunResult, String> histogram) {
        return LatencyHistograms.merge(runs.stream().map(histogram).map(LatencyHistograms::decode).toList());
    }
}
