package io.ledgerbench.loadgen.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonScheduleTest {

    @Test
    void everyRoundRunsEveryVariantOnceInAnOrderRotatedByOne() {
        List<ComparisonSchedule.Slot> slots = ComparisonSchedule.slots(List.of("a", "b", "c"), 3, 42);

        assertThat(slots).extracting(ComparisonSchedule.Slot::variant)
                .containsExactly("a", "b", "c", "b", "c", "a", "c", "a", "b");
        assertThat(slots).extracting(ComparisonSchedule.Slot::round).containsExactly(1, 1, 1, 2, 2, 2, 3, 3, 3);
    }

    @Test
    void theVariantsOfARoundShareItsSeedAndRoundsDiffer() {
        List<ComparisonSchedule.Slot> slots = ComparisonSchedule.slots(List.of("a", "b"), 2, 42);

        assertThat(slots.get(0).seed()).isEqualTo(slots.get(1).seed());
        assertThat(slots.get(2).seed()).isEqualTo(slots.get(3).seed());
        assertThat(slots.get(0).seed()).isNotEqualTo(slots.get(2).seed());
    }

    @Test
    void theSameComparisonSeedGivesTheSameRoundSeeds() {
        assertThat(ComparisonSchedule.roundSeeds(7, 4)).isEqualTo(ComparisonSchedule.roundSeeds(7, 4));
    }
}
