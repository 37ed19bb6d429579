package io.ledgerbench.loadgen.schedule;

import io.ledgerbench.loadgen.measure.Phase;
import java.time.Duration;

/** Receives a progress report at a fixed interval while a run is going. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> {
    };

    void progress(Progress progress);

    /** A moment of a run: phase and time in it, throughput since the last report, p99 of the phase so far. */
    record Progress(Phase phase, Duration elapsedInPhase, Duration phaseDuration, double answeredPerSec,
                    long latencyP99NanosSoFar, long completed, long rejected, long failed, int inFlight) {
    }
}
