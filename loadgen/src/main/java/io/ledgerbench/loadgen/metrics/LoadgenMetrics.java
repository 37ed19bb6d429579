package io.ledgerbench.loadgen.metrics;

import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.measure.MeasurementObserver;
import io.ledgerbench.loadgen.measure.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator's Prometheus metrics (SPEC section 10), labelled with engine, pod, run and
 * phase: transfers by outcome, latency from the intended start and service time as histograms,
 * retries, dropped arrivals, in-flight transfers, target rate and client CPU.
 */
public final class LoadgenMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Tags commonTags;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger currentRun = new AtomicInteger();
    private final AtomicLong targetRatePerSec = new AtomicLong();

    public LoadgenMetrics(String engine, String pod) {
        this.commonTags = Tags.of("engine", engine, "pod", pod);
        new ProcessorMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        Gauge.builder("ledgerbench.transfers.in.flight", inFlight, AtomicInteger::get)
                .description("Transfers sent and not yet answered").tags(commonTags).register(registry);
        Gauge.builder("ledgerbench.run", currentRun, AtomicInteger::get)
                .description("The run in progress (1-based)").tags(commonTags).register(registry);
        Gauge.builder("ledgerbench.target.rate", targetRatePerSec, AtomicLong::get).baseUnit("transfers_per_second")
                .description("Target arrival rate of this pod in fixedRate mode and saturation steps (0 in closed loop)")
                .tags(commonTags).register(registry);
        Gauge.builder("ledgerbench.client.cpu", this, metrics -> processCpu())
                .baseUnit("ratio").description("Load generator CPU use as a fraction of all cores")
                .tags(commonTags).register(registry);
    }

    /** The text a Prometheus scrape receives. */
    public String scrape() {
        return registry.scrape();
    }

    public void targetRate(double ratePerSec) {
        targetRatePerSec.set(Math.round(ratePerSec));
    }

    /** An observer recording run number run; meters are created up front, so recording allocates nothing. */
    public MeasurementObserver forRun(int run) {
        currentRun.set(run);
        return new RunMeters(Integer.toString(run));
    }

    private static double processCpu() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return Math.max(0, os.getProcessCpuLoad());
    }

    private final class RunMeters implements MeasurementObserver {
        private final Map<Phase, Map<TransferOutcome, Counter>> transfers = new EnumMap<>(Phase.class);
        private final Map<Phase, Timer> latency = new EnumMap<>(Phase.class);
        private final Map<Phase, Timer> serviceTime = new EnumMap<>(Phase.class);
        private final Map<Phase, Counter> dropped = new EnumMap<>(Phase.class);
        private final Map<Phase, DistributionSummary> batchSize = new EnumMap<>(Phase.class);
        private final String run;

        RunMeters(String run) {
            this.run = run;
            for (Phase phase : Phase.values()) {
                Tags tags = commonTags.and("run", run, "phase", phase.label());
                Map<TransferOutcome, Counter> byOutcome = new EnumMap<>(TransferOutcome.class);
                for (TransferOutcome outcome : TransferOutcome.values()) {
                    byOutcome.put(outcome, Counter.builder("ledgerbench.transfers")
                            .description("Transfers answered, by outcome").tags(tags.and("outcome", outcome.label()))
                            .register(registry));
                }
                transfers.put(phase, byOutcome);
                latency.put(phase, latencyTimer("ledgerbench.transfer.latency",
                        "Transfer latency from its intended start (includes queueing)", tags));
                serviceTime.put(phase, latencyTimer("ledgerbench.transfer.service.time",
                        "Transfer latency from its actual send", tags));
                dropped.put(phase, Counter.builder("ledgerbench.arrivals.dropped")
                        .description("fixedRate arrivals not sent because maxConcurrency transfers were in flight")
                        .tags(tags).register(registry));
                batchSize.put(phase, DistributionSummary.builder("ledgerbench.batch.size")
                        .description("Transfers per request sent by a batching driver").tags(tags)
                        .serviceLevelObjectives(1, 10, 100, 500, 1000, 2000, 5000, 8189)
                        .register(registry));
            }
        }

        private Timer latencyTimer(String name, String description, Tags tags) {
            return Timer.builder(name).description(description).tags(tags)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(100_000))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry);
        }

        @Override
        public void outcome(Phase phase, TransferOutcome outcome, long latencyNanos, long serviceTimeNanos) {
            transfers.get(phase).get(outcome).increment();
            latency.get(phase).record(latencyNanos, TimeUnit.NANOSECONDS);
            serviceTime.get(phase).record(serviceTimeNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void unanswered(Phase phase, long count) {
            transfers.get(phase).get(TransferOutcome.FAILED).increment(count);
        }

        @Override
        public void retry(Phase phase, String reason) {
            Counter.builder("ledgerbench.transfer.retries").description("Transfer retries after a conflict, by reason")
                    .tags(commonTags.and("run", run, "phase", phase.label(), "reason", reason))
                    .register(registry).increment();
        }

        @Override
        public void batch(Phase phase, int transfers) {
            batchSize.get(phase).record(transfers);
        }

        @Override
        public void dropped(Phase phase) {
            dropped.get(phase).increment();
        }

        @Override
        public void inFlight(int transfers) {
            inFlight.set(transfers);
        }
    }
}
