package io.ledgerbench.operator.reconciler;

import io.ledgerbench.loadgen.schedule.RunExecutor;
import io.ledgerbench.loadgen.spec.LoadMode;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How long each phase may take before the BenchmarkRun fails, how often a waiting phase is
 * looked at again, how far ahead of release the common start instant lies, and the Prometheus
 * each run's resource usage is read from (null: none configured).
 */
public record OperatorSettings(
        Duration provisioningTimeout,
        Duration loadingTimeout,
        Duration podsReadyAllowance,
        Duration verifyingTimeout,
        Duration aggregatingTimeout,
        Duration recheckInterval,
        Duration startBarrierLead,
        URI prometheusUrl) {

    /** The environment variable the chart sets from its value prometheus.url. */
    public static final String PROMETHEUS_URL_VARIABLE = "LEDGERBENCH_PROMETHEUS_URL";

    public static OperatorSettings defaults() {
        return new OperatorSettings(Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(10),
                Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(5), null);
    }

    /** The defaults, with the Prometheus URL the environment names (blank: none). */
    public static OperatorSettings fromEnvironment(Map<String, String> environment) {
        String url = environment.getOrDefault(PROMETHEUS_URL_VARIABLE, "").strip();
        OperatorSettings defaults = defaults();
        return url.isEmpty() ? defaults : defaults.withPrometheus(URI.create(url));
    }

    public OperatorSettings withPrometheus(URI url) {
        return new OperatorSettings(provisioningTimeout, loadingTimeout, podsReadyAllowance, verifyingTimeout,
                aggregatingTimeout, recheckInterval, startBarrierLead, url);
    }

    /**
     * Running takes warmup plus measurement plus draining; pods get an allowance to start and report ready. A
     * saturation search takes up to its time limit, which it checks before each step: the last step, its drain
     * and the pods' hand-over after it may run past the limit.
     */
    public Duration runningTimeout(WorkloadSpec workload) {
        Duration step = workload.warmupDuration().plus(workload.measurementDuration());
        Duration load = workload.mode() == LoadMode.SATURATION
                ? workload.saturation().timeLimitDuration().plus(step).plus(RunExecutor.DEFAULT_DRAIN_TIMEOUT)
                : step;
        return podsReadyAllowance.plus(startBarrierLead).plus(load).plus(Duration.ofMinutes(2));
    }
}
