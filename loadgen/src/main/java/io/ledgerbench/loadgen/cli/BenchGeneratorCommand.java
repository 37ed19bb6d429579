package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.tigerbeetle.InstantTigerBeetle;
import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.measure.PhaseCounts;
import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.measure.RunRecorder;
import io.ledgerbench.loadgen.result.BatchSizeSummary;
import io.ledgerbench.loadgen.schedule.ProgressListener;
import io.ledgerbench.loadgen.schedule.RunExecutor;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import io.ledgerbench.loadgen.workload.WorkloadRandom;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `loadgen bench-generator FILE`: the load generator's own ceiling. FILE's workload (one share, its
 * mode, concurrency or rate) runs through the real schedule, measurement and TigerBeetle coalescing
 * path against a driver answered at once, with no database; prints transfers per second and per
 * CPU-second of this whole process (make bench-generator pins it to one core).
 */
@Command(name = "bench-generator", hidden = true,
        description = "Run FILE's workload against a TigerBeetle driver answered at once (no database) and print"
                + " the load generator's own rate: transfers per second and per CPU-second.")
final class BenchGeneratorCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "BenchmarkRun YAML file (its workload is used)")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws BadInputException, InterruptedException {
        BenchmarkRunManifest manifest = Inputs.manifest(file);
        WorkloadSpec workload = manifest.spec().workload();
        long seed = Optional.ofNullable(workload.seed()).orElseGet(WorkloadRandom::newSeed);
        RunRecorder recorder = new RunRecorder(MeasurementObserver.NONE);
        RunMeasurement measurement;
        long cpuBeforeNanos = processCpuNanos();
        long wallBeforeNanos = System.nanoTime();
        try (TransferDriver driver = InstantTigerBeetle.openDriver(recorder.driverListener())) {
            measurement = new RunExecutor(Duration.ofDays(1), RunExecutor.DEFAULT_DRAIN_TIMEOUT).execute(workload,
                    RunExecutor.loadShape(workload, seed, 0, 1), driver, recorder, ProgressListener.NONE);
        }
        double cpuSeconds = (processCpuNanos() - cpuBeforeNanos) / 1e9;
        double wallSeconds = (System.nanoTime() - wallBeforeNanos) / 1e9;
        PhaseCounts measured = measurement.measurement().counts();
        long allTransfers = measurement.warmup().counts().finished() + measured.finished();
        BatchSizeSummary batches = BatchSizeSummary.of(measurement.measurement().batchSizes());
        command.commandLine().getOut().println(String.format(Locale.ROOT,
                "mode=%s transfers_per_sec=%.0f transfers_per_cpu_sec=%.0f cpu_cores_used=%.2f mean_batch=%.0f"
                        + " p99_us=%.1f failed=%d dropped=%d failures=%s",
                workload.mode().name().toLowerCase(Locale.ROOT), measured.finished() / (measurement.measurementWindowNanos() / 1e9),
                allTransfers / cpuSeconds, cpuSeconds / wallSeconds, batches == null ? 0 : batches.mean(),
                measurement.measurement().latency().getValueAtPercentile(99) / 1e3, measured.failed(),
                measured.dropped(), measured.failuresByReason()));
        return LoadgenCommand.EXIT_VALID;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
