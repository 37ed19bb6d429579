package io.ledgerbench.loadgen.saturation;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The answer of one saturation search: the objective, where the search started (and the closed-loop probe's
 * throughput it started from, if it probed), every step in the order run (the latency-throughput curve), the
 * sustainable rate (the highest offered rate whose step held; null if none did) with its step's p99, the knee
 * (the highest held rate whose p99 stays within twice the lowest p99 of the held steps: where latency leaves its
 * floor),
 * whether any rate failed (else the sustainable rate is only a lower bound), and why the search ended.
 */
public record SaturationResult(
        ServiceObjective objective,
        Double probeThroughputPerSec,
        double startRatePerSec,
        List<SaturationStep> steps,
        Double sustainableRatePerSec,
        Integer sustainableStep,
        Double p99AtSustainableMs,
        Double kneeRatePerSec,
        boolean saturationReached,
        String endReason) {

    /** How far above the curve's lowest p99 latency may rise before it has left its floor. */
    public static final double KNEE_LATENCY_FACTOR = 2;

    public SaturationResult {
        steps = List.copyOf(steps);
    }

    public static SaturationResult of(ServiceObjective objective, Double probeThroughputPerSec, double startRatePerSec,
                                      List<SaturationStep> steps, String endReason) {
        Optional<SaturationStep> sustainable = steps.stream().filter(SaturationStep::held)
                .max(Comparator.comparingDouble(SaturationStep::offeredRatePerSec));
        // A step the database stopped answering in bounds nothing: it is no evidence of where the rate breaks.
        boolean saturated = steps.stream().anyMatch(step -> !step.held() && step.stoppedEarlyReason() == null);
        return new SaturationResult(objective, probeThroughputPerSec, startRatePerSec, steps,
                sustainable.map(SaturationStep::offeredRatePerSec).orElse(null),
                sustainable.map(SaturationStep::step).orElse(null),
                sustainable.map(step -> step.latencyMs().p99Ms()).orElse(null),
                knee(steps).orElse(null), saturated, endReason);
    }

    /** The steps ordered by offered rate: the curve as it is drawn. */
    public List<SaturationStep> curve() {
        return steps.stream().sorted(Comparator.comparingDouble(SaturationStep::offeredRatePerSec)).toList();
    }

    /**
     * The step that bounds the answer from above: the lowest rate that missed the objective while the database
     * kept answering (null when none did).
     */
    public SaturationStep bound() {
        return steps.stream().filter(step -> !step.held() && step.stoppedEarlyReason() == null)
                .min(Comparator.comparingDouble(SaturationStep::offeredRatePerSec)).orElse(null);
    }

    private static Optional<Double> knee(List<SaturationStep> steps) {
        List<SaturationStep> held = steps.stream().filter(SaturationStep::held).toList();
        double floorMs = held.stream().mapToDouble(step -> step.latencyMs().p99Ms()).min().orElse(Double.NaN);
        return held.stream().filter(step -> step.latencyMs().p99Ms() <= KNEE_LATENCY_FACTOR * floorMs)
                .map(SaturationStep::offeredRatePerSec).max(Double::compare);
    }
}
