package io.ledgerbench.loadgen.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.spec.AmountRange;
import io.ledgerbench.loadgen.spec.DistributionSpec;
import io.ledgerbench.loadgen.spec.DistributionType;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferGeneratorTest {

    private static final WorkloadSpec HOT = new WorkloadSpec(2L, new DistributionSpec(DistributionType.ZIPFIAN, 1.5),
            null, new AmountRange(5L, 7L), null, null, null, null, null, null, null, null, null, null);

    private static List<Transfer> draw(WorkloadSpec workload, long seed, int client, int count) {
        TransferGenerator generator = new TransferGenerator(workload,
                new WorkloadRandom(seed).forPod(0, client + 1).clients().get(client));
        List<Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            transfers.add(generator.next());
        }
        return transfers;
    }

    @Test
    void debitAndCreditAlwaysDifferAndAmountsStayInRange() {
        for (Transfer transfer : draw(HOT, 1, 0, 10_000)) {
            assertThat(transfer.debitAccountId()).isNotEqualTo(transfer.creditAccountId());
            assertThat(transfer.amount()).isBetween(5L, 7L);
        }
    }

    @Test
    void theSameSeedReplaysTheSameTransfers() {
        assertThat(draw(WorkloadSpec.defaults(), 99, 3, 100)).isEqualTo(draw(WorkloadSpec.defaults(), 99, 3, 100));
    }

    @Test
    void clientsAndSeedsGetDifferentSequences() {
        List<Transfer> reference = draw(WorkloadSpec.defaults(), 99, 0, 100);
        assertThat(draw(WorkloadSpec.defaults(), 99, 1, 100)).isNotEqualTo(reference);
        assertThat(draw(WorkloadSpec.defaults(), 100, 0, 100)).isNotEqualTo(reference);
    }

    @Test
    void podsGetDifferentSequences() {
        var pod0 = new TransferGenerator(WorkloadSpec.defaults(), new WorkloadRandom(5).forPod(0, 1).clients().getFirst());
        var pod1 = new TransferGenerator(WorkloadSpec.defaults(), new WorkloadRandom(5).forPod(1, 1).clients().getFirst());
        assertThat(List.of(pod0.next(), pod0.next())).isNotEqualTo(List.of(pod1.next(), pod1.next()));
    }
}
