package io.ledgerbench.loadgen.driver.tigerbeetle;

import static org.assertj.core.api.Assertions.assertThat;

import com.tigerbeetle.CreateTransferResult;
import com.tigerbeetle.RequestException;
import com.tigerbeetle.TransferBatch;
import com.tigerbeetle.UInt128;
import io.ledgerbench.loadgen.driver.RecordingDriverListener;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Batching, ids and outcomes of the TigerBeetle driver, against a submitter that answers when the test says. */
class TigerBeetleTransferDriverTest {

    /** Keeps every batch sent and lets the test answer each. */
    private static final class HeldSubmitter implements TransferSubmitter {
        final List<TransferBatch> batches = new ArrayList<>();
        final List<CompletableFuture<Map<Integer, CreateTransferResult>>> answers = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<Map<Integer, CreateTransferResult>> submit(TransferBatch batch) {
            CompletableFuture<Map<Integer, CreateTransferResult>> answer = new CompletableFuture<>();
            batches.add(batch);
            answers.add(answer);
            return answer;
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final HeldSubmitter submitter = new HeldSubmitter();
    private final RecordingDriverListener listener = new RecordingDriverListener();

    private TigerBeetleTransferDriver driver(int maxBatchSize) {
        return new TigerBeetleTransferDriver(submitter, listener, new TransferIds(1_700_000_000_000L, new SecureRandom()),
                maxBatchSize, 1, REQUEST_TIMEOUT, "TigerBeetle cluster 0 at 127.0.0.1:3000", Runnable::run, () -> { });
    }

    private static List<CompletableFuture<TransferResult>> send(TigerBeetleTransferDriver driver, int count) {
        List<CompletableFuture<TransferResult>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(driver.execute(new Transfer(1 + i, 100 + i, 10 + i)));
        }
        return answers;
    }

    @Test
    void aTransferThatFindsNothingInFlightLeavesAloneAndTheNextOnesGatherBehindIt() {
        TigerBeetleTransferDriver driver = driver(TigerBeetleLedger.MAX_BATCH_SIZE);
        send(driver, 1);
        send(driver, 5);
        assertThat(submitter.batches).hasSize(1);
        submitter.answers.getFirst().complete(Map.of());
        assertThat(submitter.batches).extracting(TransferBatch::getLength).containsExactly(1, 5);
        assertThat(listener.batchSizes()).containsExactly(1, 5);
    }

    @Test
    void noBatchExceedsTheMaximum() {
        TigerBeetleTransferDriver driver = driver(3);
        send(driver, 8);
        for (int i = 0; i < 4; i++) {
            submitter.answers.get(i).complete(Map.of());
        }
        assertThat(listener.batchSizes()).containsExactly(1, 3, 3, 1);
    }

    @Test
    void eachTransferGetsTheOutcomeAnsweredForItsIndex() {
        TigerBeetleTransferDriver driver = driver(10);
        send(driver, 1).getFirst();
        List<CompletableFuture<TransferResult>> answers = send(driver, 4);
        submitter.answers.getFirst().complete(Map.of());
        submitter.answers.get(1).complete(Map.of(1, CreateTransferResult.ExceedsCredits,
                2, CreateTransferResult.ExistsWithDifferentAmount, 3, CreateTransferResult.Exists));
        assertThat(answers).extracting(CompletableFuture::join).containsExactly(TransferResult.COMPLETED,
                TransferResult.REJECTED, TransferResult.failed("exists_with_different_amount"), TransferResult.COMPLETED);
    }

    @Test
    void aRequestWithoutAnAnswerFailsEveryTransferInItAndTheNextBatchStillLeaves() {
        TigerBeetleTransferDriver driver = driver(10);
        List<CompletableFuture<TransferResult>> first = send(driver, 1);
        List<CompletableFuture<TransferResult>> second = send(driver, 2);
        submitter.answers.getFirst().completeExceptionally(new RequestException((byte) 3));
        assertThat(first.getFirst().join()).isEqualTo(TransferResult.failed("request_failed_status_3"));
        assertThat(submitter.batches).hasSize(2);
        submitter.answers.get(1).complete(Map.of());
        assertThat(second).extracting(answer -> answer.join().outcome()).containsOnly(TransferOutcome.COMPLETED);
    }

    @Test
    void transfersCarryTheirAccountsAmountLedgerCodeAndAUniqueRisingId() {
        TigerBeetleTransferDriver driver = driver(10);
        send(driver, 1);
        send(driver, 3);
        submitter.answers.getFirst().complete(Map.of());
        TransferBatch batch = submitter.batches.get(1);
        Set<Long> lows = new HashSet<>();
        long previous = 0;
        batch.beforeFirst();
        int i = 0;
        while (batch.next()) {
            assertThat(batch.getDebitAccountId(UInt128.LeastSignificant)).isEqualTo(1 + i);
            assertThat(batch.getCreditAccountId(UInt128.LeastSignificant)).isEqualTo(100 + i);
            assertThat(batch.getAmount(UInt128.LeastSignificant)).isEqualTo(10 + i);
            assertThat(batch.getLedger()).isEqualTo(TigerBeetleLedger.LEDGER);
            assertThat(batch.getCode()).isEqualTo(TigerBeetleLedger.USER_TRANSFER_CODE);
            assertThat(batch.getId(UInt128.MostSignificant)).isEqualTo(submitter.batches.getFirst().getId(UInt128.MostSignificant));
            long low = batch.getId(UInt128.LeastSignificant);
            assertThat(low).isGreaterThan(previous);
            previous = low;
            lows.add(low);
            i++;
        }
        assertThat(lows).hasSize(3);
    }

    @Test
    void aRequestUnansweredPastTheRequestTimeoutFailsItsTransfersInDoubtAndTheDriverGivesUp() {
        TigerBeetleTransferDriver driver = driver(TigerBeetleLedger.MAX_BATCH_SIZE);
        List<CompletableFuture<TransferResult>> answers = send(driver, 1);

        driver.checkRequestTimeouts(System.nanoTime() + REQUEST_TIMEOUT.toNanos() + SECOND_NANOS);

        assertThat(answers.getFirst()).isCompletedWithValue(TransferResult.failed(TransferResult.UNANSWERED_IN_TIME));
        assertThat(TransferResult.isInDoubt(answers.getFirst().join().failureReason())).isTrue();
        assertThat(listener.gaveUpReasons()).singleElement().asString()
                .contains("127.0.0.1:3000", "30 s", "spec.database.tigerbeetle.requestTimeout");
    }

    @Test
    void aRequestStillWithinTheRequestTimeoutIsLeftWaiting() {
        TigerBeetleTransferDriver driver = driver(TigerBeetleLedger.MAX_BATCH_SIZE);
        List<CompletableFuture<TransferResult>> answers = send(driver, 1);

        driver.checkRequestTimeouts(System.nanoTime() + REQUEST_TIMEOUT.toNanos() - SECOND_NANOS);

        assertThat(answers.getFirst()).isNotDone();
        assertThat(listener.gaveUpReasons()).isEmpty();
    }

    @Test
    void afterGivingUpTheTransfersWaitingBehindAndLaterOnesFailWithoutBeingSent() {
        TigerBeetleTransferDriver driver = driver(TigerBeetleLedger.MAX_BATCH_SIZE);
        send(driver, 1);
        List<CompletableFuture<TransferResult>> waiting = send(driver, 3);

        driver.checkRequestTimeouts(System.nanoTime() + REQUEST_TIMEOUT.toNanos() + SECOND_NANOS);
        List<CompletableFuture<TransferResult>> later = send(driver, 2);

        assertThat(submitter.batches).hasSize(1);
        assertThat(waiting).allSatisfy(answer -> assertThat(answer)
                .isCompletedWithValue(TransferResult.failed(TigerBeetleTransferDriver.NOT_SENT)));
        assertThat(later).allSatisfy(answer -> assertThat(answer)
                .isCompletedWithValue(TransferResult.failed(TigerBeetleTransferDriver.NOT_SENT)));
        assertThat(TransferResult.isInDoubt(TigerBeetleTransferDriver.NOT_SENT)).isFalse();
        assertThat(listener.gaveUpReasons()).hasSize(1);
    }

    @Test
    void anAnswerArrivingAfterTheTimeoutChangesNoOutcome() {
        TigerBeetleTransferDriver driver = driver(TigerBeetleLedger.MAX_BATCH_SIZE);
        List<CompletableFuture<TransferResult>> answers = send(driver, 1);
        driver.checkRequestTimeouts(System.nanoTime() + REQUEST_TIMEOUT.toNanos() + SECOND_NANOS);

        submitter.answers.getFirst().complete(Map.of());

        assertThat(answers.getFirst()).isCompletedWithValue(TransferResult.failed(TransferResult.UNANSWERED_IN_TIME));
    }
}
