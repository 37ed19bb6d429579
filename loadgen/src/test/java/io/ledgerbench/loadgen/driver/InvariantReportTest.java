package io.ledgerbench.loadgen.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvariantReportTest {

    @Test
    void storedTransfersMustEqualCompletedWhenEveryTransferWasAnswered() {
        assertThat(InvariantReport.check(10, 100, 10, 100, 0, 5, 0, 5).ok()).isTrue();
        assertThat(InvariantReport.check(10, 100, 10, 100, 0, 5, 0, 6).violations())
                .containsExactly("6 transfer records stored, but clients counted 5 completed transfers");
    }

    @Test
    void unansweredTransfersMayEachHaveCommitted() {
        assertThat(InvariantReport.check(10, 100, 10, 100, 0, 5, 3, 5).ok()).isTrue();
        assertThat(InvariantReport.check(10, 100, 10, 100, 0, 5, 3, 8).ok()).isTrue();
    }

    @Test
    void moreStoredThanCompletedPlusUnansweredIsAViolation() {
        assertThat(InvariantReport.check(10, 100, 10, 100, 0, 5, 3, 9).violations()).containsExactly(
                "9 transfer records stored, but clients counted 5 completed transfers and 3 unanswered ones"
                        + " that may have committed");
    }

    @Test
    void fewerStoredThanCompletedIsAViolationEvenWithUnansweredTransfers() {
        assertThat(InvariantReport.check(10, 100, 10, 100, 0, 5, 3, 4).ok()).isFalse();
    }

    @Test
    void moneyCreatedOrDestroyedAndNegativeBalancesAreViolations() {
        InvariantReport report = InvariantReport.check(10, 100, 10, 130, 2, 5, 0, 5);
        assertThat(report.ok()).isFalse();
        assertThat(report.violations()).containsExactly("sum of balances is 130, expected 100",
                "2 accounts have a negative balance");
    }
}
