package io.ledgerbench.loadgen.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.workload.Transfer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batching rule both batching drivers share, with a timer the test fires by hand. */
class TransferCoalescerTest {

    private final List<List<TransferCoalescer.Pending>> sent = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();

    private TransferCoalescer coalescer(int maxBatchSize, int maxInFlight, Duration linger) {
        return new TransferCoalescer(maxBatchSize, maxInFlight, linger, (delayMillis, task) -> timers.add(task), sent::add);
    }

    private static void submit(TransferCoalescer coalescer, int count) {
        for (int i = 0; i < count; i++) {
            coalescer.submit(new Transfer(1, 2, 1));
        }
    }

    @Test
    void fullBatchesLeaveAtOnceUpToTheBatchesAllowedInFlight() {
        TransferCoalescer coalescer = coalescer(2, 2, Duration.ofSeconds(60));
        submit(coalescer, 6);
        assertThat(sent).extracting(List::size).containsExactly(2, 2);
        coalescer.batchAnswered();
        assertThat(sent).extracting(List::size).containsExactly(2, 2, 2);
    }

    @Test
    void aPartialBatchWaitsForTheLingerWhenNothingIsInFlight() {
        TransferCoalescer coalescer = coalescer(10, 1, Duration.ofSeconds(60));
        submit(coalescer, 3);
        assertThat(sent).isEmpty();
        assertThat(timers).hasSize(1);
        submit(coalescer, 1);
        assertThat(timers).as("one timer for the oldest transfer").hasSize(1);
    }

    @Test
    void withoutLingerAPartialBatchLeavesOnlyWhenNothingIsInFlight() {
        TransferCoalescer coalescer = coalescer(10, 1, Duration.ZERO);
        submit(coalescer, 1);
        submit(coalescer, 4);
        assertThat(sent).extracting(List::size).containsExactly(1);
        coalescer.batchAnswered();
        assertThat(sent).extracting(List::size).containsExactly(1, 4);
        assertThat(timers).isEmpty();
    }
}
