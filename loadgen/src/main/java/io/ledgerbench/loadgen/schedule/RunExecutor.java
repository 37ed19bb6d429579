package io.ledgerbench.loadgen.schedule;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.measure.ClientCpuSampler;
import io.ledgerbench.loadgen.measure.ClientJitTime;
import io.ledgerbench.loadgen.measure.Phase;
import io.ledgerbench.loadgen.measure.PhaseMeasurement;
import io.ledgerbench.loadgen.measure.PhaseRecorder;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.spec.LoadMode;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import io.ledgerbench.loadgen.workload.TransferGenerator;
import io.ledgerbench.loadgen.workload.WorkloadRandom;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one pod's share of one run: warmup, then measurement, then waiting for the last answers.
 * Once a second it harvests the histograms and samples client CPU (measurement only); every
 * progress interval it tells the listener. At the measurement's start it notes the JIT compilers' time.
 */
public final class RunExecutor {

    /** How long after the end transfers still in flight may take before they count as failed. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final Duration progressInterval;
    private final Duration drainTimeout;

    public RunExecutor(Duration progressInterval, Duration drainTimeout) {
        this.progressInterval = progressInterval;
        this.drainTimeout = drainTimeout;
    }

    /** The load this pod offers: its share of the workload, from its own random streams. */
    public static LoadShape loadShape(WorkloadSpec workload, long seed, int podIndex, int podCount) {
        WorkloadRandom random = new WorkloadRandom(seed);
        if (workload.mode() == LoadMode.FIXED_RATE) {
            WorkloadRandom.PodStreams streams = random.forPod(podIndex, 0);
            double podRatePerSec = workload.targetRate() / podCount;
            return new OpenLoopLoad(new TransferGenerator(workload, streams.dispatcher()),
                    ArrivalSchedule.of(workload.arrival(), podRatePerSec, streams.arrivals()),
                    workload.maxConcurrency(), workload.overflow());
        }
        WorkloadRandom.PodStreams streams = random.forPod(podIndex, workload.concurrency());
        return new ClosedLoopLoad(streams.clients().stream().map(stream -> new TransferGenerator(workload, stream)).toList());
    }

    /** Runs the shape against the driver now, recording into recorder. */
    public RunMeasurement execute(WorkloadSpec workload, LoadShape shape, TransferDriver driver, RunRecorder recorder,
                                  ProgressListener listener) throws InterruptedException {
        return execute(workload, shape, driver, recorder, listener, () -> { });
    }

    /**
     * As {@link #execute(WorkloadSpec, LoadShape, TransferDriver, RunRecorder, ProgressListener)}, running
     * atMeasurementStart (on the ticker thread) the moment the measurement starts, e.g. to read counters.
     */
    public RunMeasurement execute(WorkloadSpec workload, LoadShape shape, TransferDriver driver, RunRecorder recorder,
                                  ProgressListener listener, Runnable atMeasurementStart) throws InterruptedException {
        RunClock clock = RunClock.startingAt(System.nanoTime(), workload.warmupDuration(), workload.measurementDuration(),
                drainTimeout);
        recorder.start(clock.startNanos(), clock.totalSeconds(), clock::phaseAt);
        recorder.onGiveUp(reason -> clock.stopEarly(System.nanoTime(), reason));
        ClientCpuSampler cpu = new ClientCpuSampler();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("run-ticker").daemon().factory());
        Ticker tick = new Ticker(clock, recorder, cpu, listener, workload);
        ticker.scheduleAtFixedRate(tick, 1, 1, TimeUnit.SECONDS);
        ClientJitTime jit = new ClientJitTime();
        // At the measurement's start exactly (at once without a warmup), not at the next tick.
        ticker.schedule(() -> {
            jit.measurementStarted();
            atMeasurementStart.run();
        }, clock.measurementStartNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
        try {
            shape.run(clock, driver, recorder);
        } finally {
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        }
        PhaseMeasurement warmup = recorder.phase(Phase.WARMUP).snapshot();
        PhaseMeasurement measurement = recorder.phase(Phase.MEASUREMENT).snapshot();
        long plannedEnd = clock.effectiveEndNanos();
        long windowEnd = Math.max(plannedEnd, recorder.lastMeasuredAnswerNanos().orElse(plannedEnd));
        int seconds = (int) Math.ceil((windowEnd - clock.startNanos()) / 1e9);
        long[] fine = recorder.fineTimeline() == null ? null : recorder.fineTimeline().counts(
                (int) Math.ceil((double) (windowEnd - clock.startNanos()) / recorder.fineBucketNanos()));
        return new RunMeasurement(warmup, measurement, Math.max(0, windowEnd - clock.measurementStartNanos()),
                recorder.timeline().counts(seconds), cpu.max(), jit.secondsSinceMeasurementStart(),
                clock.stopReason().orElse(null), fine);
    }

    /** The once-a-second work of a run. */
    private final class Ticker implements Runnable {
        private final RunClock clock;
        private final RunRecorder recorder;
        private final ClientCpuSampler cpu;
        private final ProgressListener listener;
        private final WorkloadSpec workload;
        private Phase lastPhase = Phase.WARMUP;
        private long lastReportNanos;
        private long lastReportFinished;

        Ticker(RunClock clock, RunRecorder recorder, ClientCpuSampler cpu, ProgressListener listener, WorkloadSpec workload) {
            this.clock = clock;
            this.recorder = recorder;
            this.cpu = cpu;
            this.listener = listener;
            this.workload = workload;
            this.lastReportNanos = clock.startNanos();
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            recorder.harvest();
            Phase phase = clock.phaseAt(now);
            if (phase != lastPhase) {
                cpu.reset(); // warmup CPU does not count
                lastPhase = phase;
                lastReportFinished = 0;
                lastReportNanos = clock.measurementStartNanos();
            }
            cpu.sample();
            if (now - lastReportNanos >= progressInterval.toNanos() - 500_000_000L) {
                report(now, phase);
            }
        }

        private void report(long now, Phase phase) {
            PhaseRecorder phaseRecorder = recorder.phase(phase);
            long finished = phaseRecorder.finishedSoFar();
            double perSec = (finished - lastReportFinished) / ((now - lastReportNanos) / 1e9);
            lastReportFinished = finished;
            lastReportNanos = now;
            long phaseStart = phase == Phase.WARMUP ? clock.startNanos() : clock.measurementStartNanos();
            Duration phaseDuration = phase == Phase.WARMUP ? workload.warmupDuration() : workload.measurementDuration();
            listener.progress(new ProgressListener.Progress(phase, Duration.ofNanos(now - phaseStart), phaseDuration,
                    perSec, phaseRecorder.latencyP99NanosSoFar(), phaseRecorder.completedSoFar(),
                    phaseRecorder.rejectedSoFar(), phaseRecorder.failedSoFar(), recorder.inFlight()));
        }
    }
}
