package io.ledgerbench.loadgen.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.spec.FaultAction;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityAnalysisTest {

    private static final long BUCKET = AvailabilityAnalysis.BUCKET_NANOS;
    private static final FaultExpectation KEEPS = new FaultExpectation(true, "keeps committing");
    private static final FaultExpectation STOPS = new FaultExpectation(false, "stops committing");

    /** 1 s of warmup (10 buckets) then 6 s of measurement at 5 answers per bucket, silent in [from, to). */
    private static long[] timelineSilentBetween(int from, int to) {
        long[] timeline = new long[70];
        Arrays.fill(timeline, 5);
        Arrays.fill(timeline, from, to, 0);
        return timeline;
    }

    private static AppliedFault fault(long atBuckets, Long restartBuckets, FaultExpectation expectation) {
        return new AppliedFault("primary", FaultAction.KILL, atBuckets * BUCKET, atBuckets * BUCKET,
                restartBuckets == null ? null : restartBuckets * BUCKET, expectation, "SIGKILL", null);
    }

    @Test
    void theLongestGapIsTheLongestRunOfSilentBucketsInTheMeasurement() {
        FaultsResult result = AvailabilityAnalysis.analyse(timelineSilentBetween(30, 52), 10 * BUCKET, 60 * BUCKET,
                List.of());
        assertThat(result.longestGapSeconds()).isEqualTo(2.2);
        assertThat(result.longestGapStartSeconds()).isEqualTo(2.0);
    }

    @Test
    void silenceDuringTheWarmupIsNoGapOfTheMeasurement() {
        FaultsResult result = AvailabilityAnalysis.analyse(timelineSilentBetween(0, 10), 10 * BUCKET, 60 * BUCKET,
                List.of());
        assertThat(result.longestGapSeconds()).isZero();
    }

    @Test
    void aNodeDownWhileAnswersGoOnKeptCommitting() {
        FaultOutcome outcome = AvailabilityAnalysis.analyse(timelineSilentBetween(30, 32), 10 * BUCKET, 60 * BUCKET,
                List.of(fault(20, 40L, KEEPS))).faults().getFirst();
        assertThat(outcome.keptCommitting()).isTrue();
        assertThat(outcome.asExpected()).isTrue();
        assertThat(outcome.answeredPerSecBefore()).isEqualTo(50.0);
        assertThat(outcome.answeredPerSecDuring()).as("2 silent buckets of 20").isEqualTo(45.0);
        assertThat(outcome.answeredPerSecAfter()).isEqualTo(50.0);
    }

    @Test
    void aNodeDownWithNoAnswerAfterItsFirstHalfSecondStoppedCommitting() {
        FaultOutcome outcome = AvailabilityAnalysis.analyse(timelineSilentBetween(31, 70), 10 * BUCKET, 60 * BUCKET,
                List.of(fault(20, null, STOPS))).faults().getFirst();
        assertThat(outcome.keptCommitting()).as("the answers in its first 100 ms were in flight before").isFalse();
        assertThat(outcome.asExpected()).isTrue();
        assertThat(outcome.answeredPerSecAfter()).isNull();
        assertThat(outcome.firstAnswerAfterSeconds()).isNull();
    }

    @Test
    void anOutcomeOtherThanTheExpectedOneIsNotAsExpected() {
        FaultOutcome outcome = AvailabilityAnalysis.analyse(timelineSilentBetween(30, 32), 10 * BUCKET, 60 * BUCKET,
                List.of(fault(20, null, STOPS))).faults().getFirst();
        assertThat(outcome.keptCommitting()).isTrue();
        assertThat(outcome.asExpected()).isFalse();
    }

    @Test
    void theFirstAnswerAfterAFaultTellsHowLongTheOutageLasted() {
        FaultOutcome outcome = AvailabilityAnalysis.analyse(timelineSilentBetween(30, 45), 10 * BUCKET, 60 * BUCKET,
                List.of(fault(20, 30L, STOPS))).faults().getFirst();
        assertThat(outcome.firstAnswerAfterSeconds()).isEqualTo(1.5);
    }

    @Test
    void aFaultThatWasNotAppliedHasNoOutcome() {
        AppliedFault failed = new AppliedFault("standby-1", FaultAction.STOP, 2 * BUCKET, null, null, KEEPS, "",
                "no such process");
        FaultOutcome outcome = AvailabilityAnalysis.analyse(timelineSilentBetween(0, 0), 10 * BUCKET, 60 * BUCKET,
                List.of(failed)).faults().getFirst();
        assertThat(outcome.keptCommitting()).isNull();
        assertThat(outcome.asExpected()).isFalse();
        assertThat(outcome.error()).isEqualTo("no such process");
    }

    @Test
    void aPerSecondTimelineGivesTheGapToWithinASecondAndSaysSo() {
        long[] perSecond = {50, 50, 50, 0, 0, 50, 50};
        FaultsResult result = AvailabilityAnalysis.analyse(perSecond, 1_000_000_000L, 1_000_000_000L, 6_000_000_000L,
                List.of());
        assertThat(result.timelineResolutionSeconds()).isEqualTo(1.0);
        assertThat(result.longestGapSeconds()).isEqualTo(2.0);
        assertThat(result.longestGapStartSeconds()).isEqualTo(2.0);
    }
}
