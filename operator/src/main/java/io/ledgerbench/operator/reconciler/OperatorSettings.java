package io.ledgerbench.operator.reconciler;

import io.ledgerbench.loadgen.spec.WorkloadSpec;
import java.time.Duration;

/**
 * How long each phase may take before the BenchmarkRun fails, how often a waiting phase is
 * looked at again, and how far ahead of release the common start instant lies.
 */
public record OperatorSettings(
        Duration provisioningTimeout,
        Duration loadingTimeout,
        Duration podsReadyAllowance,
        Duration verifyingTimeout,
        Duration aggregatingTimeout,
        Duration recheckInterval,
        Duration startBarrierLead) {

    public static OperatorSettings defaults() {
        return new OperatorSettings(Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(10),
                Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /** Running takes warmup plus measurement plus draining; pods get an allowance to start and report ready. */
    public Duration runningTimeout(WorkloadSpec workload) {
        return podsReadyAllowance.plus(startBarrierLead).plus(workload.warmupDuration())
                .plus(workload.measurementDuration()).plus(Duration.ofMinutes(2));
    }
}
