package io.ledgerbench.loadgen.driver.tigerbeetle;

import static org.assertj.core.api.Assertions.assertThat;

import com.tigerbeetle.CreateTransferResult;
import com.tigerbeetle.ResultBatches;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TigerBeetle answers only what did not succeed; the driver reads those back by index. */
class TigerBeetleResultsTest {

    @Test
    void anEmptyAnswerMeansEveryTransferWasApplied() {
        assertThat(TigerBeetleLedgerDatabase.failuresByIndex(ResultBatches.createTransferResults(Map.of()))).isEmpty();
    }

    @Test
    void eachAnsweredResultIsReadBackUnderItsIndex() {
        Map<Integer, CreateTransferResult> answered = Map.of(0, CreateTransferResult.ExceedsCredits,
                7, CreateTransferResult.Exists, 8188, CreateTransferResult.DebitAccountNotFound);
        assertThat(TigerBeetleLedgerDatabase.failuresByIndex(ResultBatches.createTransferResults(answered)))
                .isEqualTo(answered);
    }
}
