package io.ledgerbench.loadgen.driver.tigerbeetle;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferIdsTest {

    @Test
    void theLowHalfCountsUpFromOneSoNoIdIsZero() {
        TransferIds ids = new TransferIds(1_700_000_000_000L, new SecureRandom());
        assertThat(ids.nextLow()).isEqualTo(1);
        assertThat(ids.nextLow()).isEqualTo(2);
        assertThat(ids.high()).isNotZero();
    }

    @Test
    void driversOpenedAtTheSameMillisecondStillGetDifferentHighHalves() {
        Set<Long> highs = new HashSet<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 100; i++) {
            highs.add(new TransferIds(1_700_000_000_000L, random).high());
        }
        assertThat(highs).hasSizeGreaterThan(95);
    }

    @Test
    void laterDriversGetHigherIds() {
        SecureRandom random = new SecureRandom();
        assertThat(new TransferIds(1_700_000_000_001L, random).high())
                .isGreaterThan(new TransferIds(1_700_000_000_000L, random).high());
    }
}
