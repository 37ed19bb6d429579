package io.ledgerbench.loadgen.measure;

/**
 * Everything one pod measured in one run: both phases, the measurement window (from the
 * measurement start to the later of its planned end and the last measured answer), the
 * per-second timeline and the client's peak CPU during measurement.
 */
public record RunMeasurement(
        PhaseMeasurement warmup,
        PhaseMeasurement measurement,
        long measurementWindowNanos,
        long[] answeredPerSecond,
        double clientCpuMax) {

    /** Completed transfers of both phases: what the database must hold afterwards. */
    public long completedInAllPhases() {
        return warmup.counts().completed() + measurement.counts().completed();
    }

    /** Transfers of both phases sent but never answered: each may or may not be in the database. */
    public long inDoubtInAllPhases() {
        return warmup.counts().failuresByReason().getOrDefault(RunRecorder.UNANSWERED, 0L)
                + measurement.counts().failuresByReason().getOrDefault(RunRecorder.UNANSWERED, 0L);
    }
}
