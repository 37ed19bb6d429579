package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.schedule.LoadShape;
import io.ledgerbench.loadgen.schedule.ProgressListener;
import io.ledgerbench.loadgen.schedule.RunExecutor;
import io.ledgerbench.loadgen.spec.SaturationSpec;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one saturation search (SPEC section 6): an optional closed-loop probe, then fixedRate steps at the
 * rates {@link SaturationSearch} asks for, each a full run of its own (warmup, measurement, drain) on the
 * open driver, judged on every pod's merged measurement, within the step and time limits.
 */
public final class SaturationRunner {

    /** What the caller does around each step (e.g. read resource counters, set the target-rate gauge). */
    public interface StepHooks {
        StepHooks NONE = new StepHooks() { };

        /** Step step (0: the probe) is about to start at this total rate (null: the closed-loop probe). */
        default void stepStarting(int step, Double offeredRatePerSec) {
        }

        /** The step's measurement phase starts now (its warmup is over). */
        default void measurementStarted(int step) {
        }

        /** The step has ended and its last answers are in. */
        default void stepEnded(int step) {
        }
    }

    private final RunExecutor executor;
    private final Consumer<String> log;

    public SaturationRunner(RunExecutor executor, Consumer<String> log) {
        this.executor = executor;
        this.log = log;
    }

    /**
     * Searches with this workload (mode saturation, defaulted and validated) from seed, started at startedAt (the
     * instant every pod started at); load gives this generator's load for a step's workload, listener is the one
     * the driver was opened with.
     */
    public SaturationMeasurement run(WorkloadSpec workload, long seed, Instant startedAt, TransferDriver driver,
                                     StepDriverListener listener, MeasurementObserver observer,
                                     Function<WorkloadSpec, LoadShape> load, StepExchange exchange,
                                     ProgressListener progress, StepHooks hooks) throws InterruptedException {
        SaturationSpec saturation = workload.saturation();
        ServiceObjective objective = ServiceObjective.of(saturation);
        Duration timeLimit = saturation.timeLimitDuration();
        Duration stepLength = workload.warmupDuration().plus(workload.measurementDuration());
        double stepSeconds = workload.measurementDuration().toNanos() / 1e9;
        MeasuredStep probe = null;
        double startRate;
        if (saturation.probes()) {
            WorkloadSpec probeWorkload = workload.maxThroughputProbe(saturation.probeDuration(), seed);
            probe = runStep(0, null, probeWorkload, driver, listener, observer, load, exchange, progress, hooks);
            double probeThroughput = probe.answeredPerSec();
            startRate = probeThroughput * saturation.startFraction();
            log.accept(String.format(Locale.ROOT, "probe (closed loop, concurrency %d): %.1f/s; the search starts at"
                    + " %.0f %% of it, %.1f/s", workload.concurrency(), probeThroughput,
                    saturation.startFraction() * 100, startRate));
            if (probe.merged().stoppedEarlyReason() != null || !(startRate > 0)) {
                String reason = probe.merged().stoppedEarlyReason() != null
                        ? "the probe stopped early: " + probe.merged().stoppedEarlyReason()
                        : "the probe completed no transfer: there is no rate to start from";
                return new SaturationMeasurement(probe, 0, List.of(), stepSeconds, reason);
            }
        } else {
            startRate = saturation.startRate();
        }
        SaturationSearch search = new SaturationSearch(startRate, saturation.growthFactor(), saturation.resolution(),
                saturation.maxSteps());
        List<MeasuredStep> steps = new ArrayList<>();
        Instant nextStepAt = probe == null ? startedAt : probe.nextStepAt();
        for (OptionalDouble rate = search.nextRatePerSec(); rate.isPresent(); rate = search.nextRatePerSec()) {
            // From instants every pod shares, so that every pod's search ends at the same step.
            Duration elapsed = Duration.between(startedAt, nextStepAt);
            if (elapsed.plus(stepLength).compareTo(timeLimit) > 0) {
                search.end("time limit " + saturation.timeLimit() + " reached (" + elapsed.toSeconds()
                        + " s spent; a step takes " + stepLength.toSeconds() + " s plus its drain)");
                break;
            }
            int index = steps.size() + 1;
            double offered = rate.getAsDouble();
            long stepSeed = seed + index; // every step draws transfers of its own, reproducibly
            MeasuredStep step = runStep(index, offered, workload.fixedRateStep(offered, stepSeed), driver, listener,
                    observer, load, exchange, progress, hooks);
            steps.add(step);
            nextStepAt = step.nextStepAt();
            SaturationStep judged = SaturationStep.of(index, offered, step.startedAt(), step.finishedAt(),
                    stepSeconds, step.merged(), objective);
            log.accept(String.format(Locale.ROOT, "step %d: offered %.1f/s, achieved %.1f/s, p99 %.2f ms: %s", index,
                    offered, judged.achievedRatePerSec(), judged.latencyMs().p99Ms(),
                    judged.held() ? "held" : "missed (" + String.join("; ", judged.misses()) + ")"));
            if (step.merged().stoppedEarlyReason() != null) {
                // The database gave up answering: no bound on its capacity, and no step after it can be trusted.
                search.end("step " + index + " stopped early: " + step.merged().stoppedEarlyReason());
            } else {
                search.record(offered, judged.held());
            }
        }
        return new SaturationMeasurement(probe, startRate, steps, stepSeconds, search.endReason());
    }

    private MeasuredStep runStep(int index, Double offered, WorkloadSpec stepWorkload, TransferDriver driver,
                                 StepDriverListener listener, MeasurementObserver observer,
                                 Function<WorkloadSpec, LoadShape> load, StepExchange exchange,
                                 ProgressListener progress, StepHooks hooks) throws InterruptedException {
        hooks.stepStarting(index, offered);
        RunRecorder recorder = new RunRecorder(observer);
        listener.recordInto(recorder);
        Instant startedAt = Instant.now();
        RunMeasurement own = executor.execute(stepWorkload, load.apply(stepWorkload), driver, recorder, progress,
                () -> hooks.measurementStarted(index));
        Instant finishedAt = Instant.now();
        hooks.stepEnded(index);
        StepExchange.AllPods all = exchange.allPods(index, offered == null ? 0 : offered, startedAt, finishedAt, own);
        return new MeasuredStep(index, offered == null ? 0 : offered, startedAt, finishedAt, own, all.merged(),
                all.nextStepAt());
    }
}
