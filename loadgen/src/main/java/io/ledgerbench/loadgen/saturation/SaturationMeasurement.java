package io.ledgerbench.loadgen.saturation;

import io.ledgerbench.loadgen.measure.RunMeasurement;
import java.util.List;

/**
 * Everything one saturation search measured: the closed-loop probe (null when the search started at a given
 * rate), each step, each step's planned measurement in seconds, the rate it started at and why it ended. The
 * database must hold every completed transfer of all of them.
 */
public record SaturationMeasurement(MeasuredStep probe, double startRatePerSec, List<MeasuredStep> steps,
                                    double stepMeasurementSeconds, String endReason) {

    public SaturationMeasurement {
        steps = List.copyOf(steps);
    }

    /** Completed transfers of the probe and every step, warmups included (all pods). */
    public long completedInAllPhases() {
        return all().stream().mapToLong(RunMeasurement::completedInAllPhases).sum();
    }

    /** Transfers sent in the probe or a step and never answered (all pods). */
    public long inDoubtInAllPhases() {
        return all().stream().mapToLong(RunMeasurement::inDoubtInAllPhases).sum();
    }

    /** The probe's throughput (answered per second of its measurement, all pods), or null without a probe. */
    public Double probeThroughputPerSec() {
        return probe == null ? null : probe.answeredPerSec();
    }

    /** The steps judged against the objective, and the search's answer. */
    public SaturationResult result(ServiceObjective objective) {
        return SaturationResult.of(objective, probeThroughputPerSec(), startRatePerSec,
                steps.stream().map(step -> SaturationStep.of(step.step(), step.offeredRatePerSec(), step.startedAt(),
                        step.finishedAt(), stepMeasurementSeconds, step.merged(), objective)).toList(), endReason);
    }

    /**
     * The step whose figures stand for the run: the one at the sustainable rate, else the lowest rate tried,
     * else (no step ran) the probe.
     */
    public MeasuredStep shownStep(SaturationResult answer) {
        return steps.stream()
                .filter(step -> answer.sustainableStep() != null && step.step() == answer.sustainableStep())
                .findFirst()
                .or(() -> steps.stream().min(java.util.Comparator.comparingDouble(MeasuredStep::offeredRatePerSec)))
                .orElse(probe);
    }

    private List<RunMeasurement> all() {
        List<RunMeasurement> measurements = new java.util.ArrayList<>(steps.stream().map(MeasuredStep::merged).toList());
        if (probe != null) {
            measurements.add(probe.merged());
        }
        return measurements;
    }
}
