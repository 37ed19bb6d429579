package io.ledgerbench.loadgen.driver.tigerbeetle;

import static org.assertj.core.api.Assertions.assertThat;

import com.tigerbeetle.CreateTransferResult;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.driver.TransferResult;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TigerBeetleOutcomesTest {

    @Test
    void appliedTransfersAreCompletedIncludingOnesAnEarlierSendAlreadyApplied() {
        assertThat(TigerBeetleOutcomes.of(CreateTransferResult.Ok)).isEqualTo(TransferResult.COMPLETED);
        assertThat(TigerBeetleOutcomes.of(CreateTransferResult.Exists)).isEqualTo(TransferResult.COMPLETED);
    }

    @Test
    void exceedingTheDebitAccountsCreditsIsARejection() {
        assertThat(TigerBeetleOutcomes.of(CreateTransferResult.ExceedsCredits)).isEqualTo(TransferResult.REJECTED);
    }

    @Test
    void everyOtherResultIsAFailureNamedByItsCode() {
        assertThat(TigerBeetleOutcomes.of(CreateTransferResult.DebitAccountNotFound))
                .isEqualTo(TransferResult.failed("debit_account_not_found"));
        assertThat(Arrays.stream(CreateTransferResult.values())
                .filter(result -> result != CreateTransferResult.Ok && result != CreateTransferResult.Exists
                        && result != CreateTransferResult.ExceedsCredits)
                .map(TigerBeetleOutcomes::of))
                .allSatisfy(result -> {
                    assertThat(result.outcome()).isEqualTo(TransferOutcome.FAILED);
                    assertThat(result.failureReason()).matches("[a-z0-9_]+");
                });
    }
}
