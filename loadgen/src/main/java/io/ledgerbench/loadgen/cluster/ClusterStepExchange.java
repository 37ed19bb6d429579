package io.ledgerbench.loadgen.cluster;

import io.ledgerbench.loadgen.measure.RunMeasurement;
import io.ledgerbench.loadgen.saturation.StepExchange;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The pods of a run stepping a saturation search together, without the operator: each stores its share of a
 * step, waits for every pod's, merges them (so each pod's search decides the same next rate from the same
 * figures), and starts the next step at one instant every pod computes alike: a lead after the latest end.
 */
final class ClusterStepExchange implements StepExchange {

    /** Between the last pod's end of a step and the next step's start: enough for every pod to see that end. */
    static final Duration NEXT_STEP_LEAD = Duration.ofSeconds(2);

    private final ClusterExchange exchange;
    private final int run;
    private final int podIndex;
    private final int pods;
    private final String nodeName;
    private final Duration timeout;

    ClusterStepExchange(ClusterExchange exchange, int run, int podIndex, int pods, String nodeName, Duration timeout) {
        this.exchange = exchange;
        this.run = run;
        this.podIndex = podIndex;
        this.pods = pods;
        this.nodeName = nodeName;
        this.timeout = timeout;
    }

    @Override
    public AllPods allPods(int step, double offeredRatePerSec, Instant startedAt, Instant finishedAt,
                                  RunMeasurement own) throws InterruptedException {
        exchange.reportStep(run, podIndex, new PodStep(step, offeredRatePerSec,
                PodResult.of(run, podIndex, nodeName, startedAt, finishedAt, own, null, null)));
        List<PodStep> all = exchange.awaitStep(run, step, pods, timeout);
        Instant nextStart = all.stream().map(stored -> stored.measured().finishedAt()).max(Comparator.naturalOrder())
                .orElseThrow().plus(NEXT_STEP_LEAD);
        long millis = Duration.between(Instant.now(), nextStart).toMillis();
        if (millis > 0) {
            Thread.sleep(millis); // the next step starts at a wall-clock instant every pod computed alike
        }
        return new AllPods(RunMeasurement.merge(all.stream().map(stored -> stored.measured().measurement()).toList()),
                nextStart);
    }
}
