package io.ledgerbench.loadgen.cluster;

import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.local.ConsoleProgress;
import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.fault.AvailabilityAnalysis;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.saturation.MeasuredStep;
import io.ledgerbench.loadgen.saturation.SaturationMeasurement;
import io.ledgerbench.loadgen.saturation.SaturationRunner;
import io.ledgerbench.loadgen.saturation.ServiceObjective;
import io.ledgerbench.loadgen.saturation.StepDriverListener;
import io.ledgerbench.loadgen.schedule.RunExecutor;
import io.ledgerbench.loadgen.spec.LoadMode;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleConsumer;

/**
 * One load-generator pod's part of one run in a cluster: connect, report ready, wait for the
 * operator's start barrier, run this pod's share from the common start instant, store the result.
 * Connecting before reporting ready keeps pool warm-up out of the measured time. A saturation search steps
 * together with the other pods (ClusterStepExchange).
 */
public final class PodRun {

    private final ClusterExchange exchange;
    private final RunExecutor executor;
    private final PrintStream out;
    private final Duration startTimeout;

    public PodRun(ClusterExchange exchange, RunExecutor executor, PrintStream out, Duration startTimeout) {
        this.exchange = exchange;
        this.executor = executor;
        this.out = out;
        this.startTimeout = startTimeout;
    }

    /**
     * Runs pod podIndex's share of run {@code run} and returns the result it stored; podTargetRate is told this
     * pod's share of the rate offered whenever it changes (fixedRate and each saturation step; 0 closed loop).
     */
    public PodResult run(BenchmarkRunSpec spec, int run, int podIndex, String nodeName, LedgerDatabase database,
                         MeasurementObserver observer, DoubleConsumer podTargetRate) throws InterruptedException {
        int pods = spec.loadgen().parallelism();
        if (podIndex < 0 || podIndex >= pods) {
            throw new ClusterRunException("pod index " + podIndex + " is outside 0.." + (pods - 1)
                    + " (spec.loadgen.parallelism is " + pods + ")");
        }
        Long seed = spec.workload().seed();
        if (seed == null) {
            throw new ClusterRunException("spec.workload.seed is not set: every pod of a run must use the seed the"
                    + " operator drew (it writes it into the spec ConfigMap)");
        }
        boolean search = spec.workload().mode() == LoadMode.SATURATION;
        RunRecorder recorder = new RunRecorder(observer);
        if (!spec.faults().isEmpty()) {
            // The operator deletes database pods mid-run: the outage is read from this finer timeline.
            recorder.keepFineTimeline(AvailabilityAnalysis.BUCKET_NANOS);
        }
        StepDriverListener stepListener = new StepDriverListener();
        Instant startedAt;
        PodResult result;
        String connectRoundTrips = measureDistance(spec, database);
        try (TransferDriver driver = database.openDriver(search ? stepListener : recorder.driverListener())) {
            exchange.reportReady(run, podIndex);
            out.printf("[run %d/%d] pod %d of %d connected to %s; waiting for the start barrier%n", run, spec.runs(),
                    podIndex, pods, database.serverVersion());
            Instant startAt = awaitStart(run);
            waitUntil(startAt);
            startedAt = Instant.now();
            if (search) {
                out.printf("[run %d/%d] started at %s: a saturation search, each step warmup %s, then measurement"
                        + " %s%n", run, spec.runs(), startAt, spec.workload().warmup(), spec.workload().duration());
                SaturationMeasurement measured = new SaturationRunner(executor,
                        line -> out.printf("[run %d/%d] %s%n", run, spec.runs(), line))
                        .run(spec.workload(), seed, startAt, driver, stepListener, observer,
                                step -> RunExecutor.loadShape(step, step.seed(), podIndex, pods),
                                new ClusterStepExchange(exchange, run, podIndex, pods, nodeName, startTimeout),
                                new ConsoleProgress(out, run, spec.runs()), new SaturationRunner.StepHooks() {
                                    @Override
                                    public void stepStarting(int step, Double offeredRatePerSec) {
                                        podTargetRate.accept(offeredRatePerSec == null ? 0 : offeredRatePerSec / pods);
                                    }
                                });
                out.printf("[run %d/%d] search ended: %s%n", run, spec.runs(), measured.endReason());
                // The pod's own figures: its share of the step that stands for the run, as every pod judges it.
                MeasuredStep shown = measured.shownStep(measured.result(ServiceObjective.of(
                        spec.workload().saturation())));
                result = PodResult.of(run, podIndex, nodeName, startedAt, Instant.now(), shown.own(),
                        database.serverVersion(), database.clientVersion())
                        .withSaturation(PodSaturation.of(run, podIndex, nodeName, measured));
            } else {
                out.printf("[run %d/%d] started at %s: warmup %s, then measurement %s%n", run, spec.runs(), startAt,
                        spec.workload().warmup(), spec.workload().duration());
                podTargetRate.accept(spec.workload().mode() == LoadMode.FIXED_RATE
                        ? spec.workload().targetRate() / pods : 0);
                RunMeasurement measurement = executor.execute(spec.workload(),
                        RunExecutor.loadShape(spec.workload(), seed, podIndex, pods), driver, recorder,
                        new ConsoleProgress(out, run, spec.runs()));
                result = PodResult.of(run, podIndex, nodeName, startedAt, Instant.now(), measurement,
                        database.serverVersion(), database.clientVersion());
            }
        }
        if (connectRoundTrips != null) {
            result = result.withConnectRoundTrips(connectRoundTrips);
        }
        exchange.reportResult(result);
        out.printf("[run %d/%d] pod %d stored its result: %s%n", run, spec.runs(), podIndex, result.measurementCounts());
        return result;
    }

    /** Connects the pod times to the database when spec.network adds a client round trip (its init container's). */
    private String measureDistance(BenchmarkRunSpec spec, LedgerDatabase database) {
        if (spec.network().clientRoundTripDuration().isZero() || database.serverAddress().isEmpty()) {
            return null;
        }
        org.HdrHistogram.Histogram connects = io.ledgerbench.loadgen.measure.RoundTripProbe.connectTimes(
                database.serverAddress().get(), CONNECT_SAMPLES);
        out.printf("round trip to the database (TCP connects): p50 %.2f ms, p99 %.2f ms (%s asked for)%n",
                connects.getValueAtPercentile(50) / 1e6, connects.getValueAtPercentile(99) / 1e6,
                spec.network().clientRoundTrip());
        return io.ledgerbench.loadgen.measure.LatencyHistograms.encode(connects);
    }

    /** TCP connects a pod times to the database when a client round trip is added. */
    static final int CONNECT_SAMPLES = 50;

    private Instant awaitStart(int run) {
        try {
            return exchange.awaitStart(run, startTimeout);
        } catch (KubernetesClientTimeoutException e) {
            throw new ClusterRunException("the start barrier of run " + run + " was not released within "
                    + startTimeout.toSeconds() + " s (the operator releases it once every pod is ready)");
        }
    }

    private static void waitUntil(Instant startAt) throws InterruptedException {
        long millis = Duration.between(Instant.now(), startAt).toMillis();
        if (millis > 0) {
            Thread.sleep(millis); // the barrier is a wall-clock instant shared by every pod
        }
    }
}
