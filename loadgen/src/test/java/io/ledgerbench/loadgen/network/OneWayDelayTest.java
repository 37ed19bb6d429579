package io.ledgerbench.loadgen.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a round trip and its jitter are shared among the crossings that make it up. */
class OneWayDelayTest {

    @Test
    void eachOfTwoCrossingsEachWayCarriesAQuarterOfTheRoundTripAndHalfTheJitter() {
        assertThat(OneWayDelay.partOf(Duration.ofMillis(8), 4, Duration.ofMillis(2)))
                .isEqualTo(new OneWayDelay(2_000_000, 1_000_000));
    }

    @Test
    void halfOfARoundTripKeepsTheWholeJitter() {
        assertThat(OneWayDelay.halfOf(Duration.ofMillis(10), Duration.ofMillis(1)))
                .isEqualTo(new OneWayDelay(5_000_000, 1_000_000));
    }

    @Test
    void noDelayCarriesNoJitter() {
        assertThat(OneWayDelay.partOf(Duration.ZERO, 4, Duration.ofMillis(1))).isEqualTo(new OneWayDelay(0, 0));
    }
}
