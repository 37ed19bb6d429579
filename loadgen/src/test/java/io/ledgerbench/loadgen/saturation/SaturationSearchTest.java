package io.ledgerbench.loadgen.saturation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The search as a state machine: where it goes for a server whose objective holds up to a known capacity. */
class SaturationSearchTest {

    private record Tried(double rate, boolean held) {
    }

    private static List<Tried> play(SaturationSearch search, DoublePredicate holds) {
        List<Tried> tried = new ArrayList<>();
        for (OptionalDouble rate = search.nextRatePerSec(); rate.isPresent(); rate = search.nextRatePerSec()) {
            boolean held = holds.test(rate.getAsDouble());
            tried.add(new Tried(rate.getAsDouble(), held));
            search.record(rate.getAsDouble(), held);
        }
        return tried;
    }

    @ParameterizedTest
    @ValueSource(doubles = {37, 1000, 2500, 7777, 123_456})
    void findsTheCapacityWithinTheResolutionFromBelowOrAbove(double capacity) {
        for (double start : new double[] {100, 10_000}) {
            SaturationSearch search = new SaturationSearch(start, 1.5, 0.05, 50);
            play(search, rate -> rate <= capacity);
            assertThat(search.endReason()).startsWith("resolution reached");
            assertThat(search.sustainableRatePerSec().getAsDouble()).isLessThanOrEqualTo(capacity)
                    .isGreaterThanOrEqualTo(capacity / 1.05);
        }
    }

    @Test
    void neverAnswersARateThatFailedEvenWhenTheServerIsErratic() {
        // Fails at some rates below others that hold (noise): the answer must still be a rate that held, below every
        // rate that failed.
        SaturationSearch search = new SaturationSearch(500, 2, 0.02, 50);
        List<Tried> tried = play(search, rate -> rate <= 3000 && Math.floor(rate / 170) % 3 != 1);
        double answer = search.sustainableRatePerSec().getAsDouble();
        assertThat(tried).anySatisfy(step -> assertThat(step).isEqualTo(new Tried(answer, true)));
        assertThat(tried).filteredOn(step -> !step.held()).allSatisfy(step -> assertThat(step.rate()).isGreaterThan(answer));
    }

    @Test
    void rampsGeometricallyThenBisectsBetweenTheLastHoldingAndTheFirstFailingRate() {
        SaturationSearch search = new SaturationSearch(1000, 2, 0.05, 50);
        List<Tried> tried = play(search, rate -> rate <= 3000);
        assertThat(tried.subList(0, 3)).extracting(Tried::rate).containsExactly(1000.0, 2000.0, 4000.0);
        assertThat(tried.get(3).rate()).isCloseTo(Math.sqrt(2000 * 4000), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void stopsAtTheStepLimitAndSaysTheAnswerIsALowerBoundWhenNothingFailed() {
        SaturationSearch search = new SaturationSearch(100, 2, 0.05, 4);
        List<Tried> tried = play(search, rate -> true);
        assertThat(tried).hasSize(4);
        assertThat(search.sustainableRatePerSec().getAsDouble()).isEqualTo(800);
        assertThat(search.saturationReached()).isFalse();
        assertThat(search.endReason()).contains("step limit").contains("at least");
    }

    @Test
    void hasNoAnswerWhenEveryRateFailsDownToTheFloor() {
        SaturationSearch search = new SaturationSearch(50, 10, 0.05, 50);
        play(search, rate -> false);
        assertThat(search.sustainableRatePerSec()).isEmpty();
        assertThat(search.endReason()).contains("failed at every rate");
    }

    @Test
    void anEndFromOutsideStopsTheSearchAndKeepsWhatHeld() {
        SaturationSearch search = new SaturationSearch(100, 2, 0.05, 50);
        search.record(100, true);
        search.end("time limit 1m reached");
        assertThat(search.nextRatePerSec()).isEmpty();
        assertThat(search.endReason()).isEqualTo("time limit 1m reached");
        assertThat(search.sustainableRatePerSec().getAsDouble()).isEqualTo(100);
        assertThatThrownBy(() -> search.record(200, true)).isInstanceOf(IllegalStateException.class);
    }
}
