package io.ledgerbench.loadgen.cluster;

import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.saturation.MeasuredStep;
import io.ledgerbench.loadgen.saturation.SaturationMeasurement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One pod's part of a saturation search: its share of the probe (null when the search started at a given
 * rate) and of every step, the rate the search started at and why it ended (the same in every pod: each
 * decided on every pod's merged steps).
 */
public record PodSaturation(PodStep probe, List<PodStep> steps, double startRatePerSec, String endReason) {

    public PodSaturation {
        steps = List.copyOf(steps);
    }

    /** This pod's share of the search it ran. */
    public static PodSaturation of(int run, int podIndex, String nodeName, SaturationMeasurement search) {
        Function<MeasuredStep, PodStep> share = step -> new PodStep(step.step(), step.offeredRatePerSec(),
                PodResult.of(run, podIndex, nodeName, step.startedAt(), step.finishedAt(), step.own(), null, null));
        return new PodSaturation(search.probe() == null ? null : share.apply(search.probe()),
                search.steps().stream().map(share).toList(), search.startRatePerSec(), search.endReason());
    }

    /**
     * The search of all pods from their shares (each step measured for stepMeasurement): each step's measurements merged (every pod ran the same steps,
     * having decided on the same merged figures), from the first pod's start of it to the last pod's end.
     */
    public static SaturationMeasurement merge(List<PodResult> pods, java.time.Duration stepMeasurement) {
        List<PodSaturation> shares = pods.stream().map(PodResult::saturation).toList();
        if (shares.isEmpty() || shares.contains(null)) {
            throw new ClusterRunException("a saturation run needs every pod's share of the search; "
                    + shares.stream().filter(java.util.Objects::isNull).count() + " of " + pods.size() + " pods have none");
        }
        PodSaturation first = shares.getFirst();
        // Every pod decided on the same merged figures: different paths would mean the protocol broke.
        List<List<Double>> paths = shares.stream().map(share -> share.steps().stream()
                .map(PodStep::offeredRatePerSec).toList()).toList();
        if (paths.stream().distinct().count() > 1
                || shares.stream().map(PodSaturation::endReason).distinct().count() > 1) {
            throw new ClusterRunException("the pods' saturation searches went different ways (offered rates by pod: "
                    + paths + "; ends: " + shares.stream().map(PodSaturation::endReason).toList() + ")");
        }
        List<MeasuredStep> steps = new ArrayList<>();
        for (int index = 0; index < first.steps().size(); index++) {
            int at = index;
            steps.add(merged(shares.stream().map(share -> share.steps().get(at)).toList()));
        }
        MeasuredStep probe = first.probe() == null ? null : merged(shares.stream().map(PodSaturation::probe).toList());
        return new SaturationMeasurement(probe, first.startRatePerSec(), steps, stepMeasurement.toNanos() / 1e9,
                first.endReason());
    }

    private static MeasuredStep merged(List<PodStep> shares) {
        PodStep first = shares.getFirst();
        RunMeasurement merged = RunMeasurement.merge(shares.stream().map(share -> share.measured().measurement()).toList());
        Instant started = shares.stream().map(share -> share.measured().startedAt()).min(Comparator.naturalOrder())
                .orElseThrow();
        Instant finished = shares.stream().map(share -> share.measured().finishedAt()).max(Comparator.naturalOrder())
                .orElseThrow();
        return new MeasuredStep(first.step(), first.offeredRatePerSec(), started, finished, null, merged, null);
    }
}
