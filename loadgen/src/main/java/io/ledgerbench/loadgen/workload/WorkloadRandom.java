package io.ledgerbench.loadgen.workload;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent, reproducible random streams derived from the run's workload seed: one per
 * load-generator pod (2^96 draws apart) and, inside it, one per logical client (2^64 apart),
 * so the same seed replays the same transfers and no two streams overlap.
 */
public final class WorkloadRandom {

    private final long seed;

    public WorkloadRandom(long seed) {
        this.seed = seed;
    }

    /** A fresh seed for a run that did not set one. */
    public static long newSeed() {
        return RandomSource.createLong();
    }

    /** The streams of pod podIndex: arrivals first, then the open-loop dispatcher, then each logical client. */
    public PodStreams forPod(int podIndex, int clients) {
        LongJumpableUniformRandomProvider pod =
                (LongJumpableUniformRandomProvider) RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int i = 0; i < podIndex; i++) {
            pod.longJump();
        }
        UniformRandomProvider arrivals = pod.jump();
        UniformRandomProvider dispatcher = pod.jump();
        List<UniformRandomProvider> clientStreams = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            clientStreams.add(pod.jump());
        }
        return new PodStreams(arrivals, dispatcher, List.copyOf(clientStreams));
    }

    /** The random streams one load-generator pod draws from. */
    public record PodStreams(UniformRandomProvider arrivals, UniformRandomProvider dispatcher,
                             List<UniformRandomProvider> clients) {
    }
}
