package io.ledgerbench.loadgen.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.spec.DatabaseSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.PostgresqlSpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultExpectationTest {

    private static DatabaseSpec tigerBeetle(int replicas) {
        return new DatabaseSpec(EngineType.TIGERBEETLE, replicas, null, null, null, null, null, null);
    }

    private static DatabaseSpec postgres(int replicas, int synchronousStandbys) {
        PostgresqlSpec postgresql = new PostgresqlSpec(null, synchronousStandbys, null, null, null, null, null, null,
                null);
        return new DatabaseSpec(EngineType.POSTGRESQL, replicas, null, null, null, null, postgresql, null);
    }

    @Test
    void threeTigerBeetleReplicasKeepCommittingWithOneDown() {
        assertThat(FaultExpectation.of(tigerBeetle(3), "replica-0", Set.of()).keepsCommitting()).isTrue();
    }

    @Test
    void threeTigerBeetleReplicasStopWithTwoDown() {
        FaultExpectation expectation = FaultExpectation.of(tigerBeetle(3), "replica-1", Set.of("replica-0"));
        assertThat(expectation.keepsCommitting()).isFalse();
        assertThat(expectation.explanation()).contains("1 of 3 replicas remain");
    }

    @Test
    void sixTigerBeetleReplicasNeedFourForAViewChange() {
        assertThat(FaultExpectation.of(tigerBeetle(6), "replica-2", Set.of("replica-0")).keepsCommitting()).isTrue();
        assertThat(FaultExpectation.of(tigerBeetle(6), "replica-2", Set.of("replica-0", "replica-1")).keepsCommitting())
                .isFalse();
    }

    @Test
    void aPostgresStandbyLostUnderAnyOneOfTwoLeavesTheOtherToAcknowledge() {
        assertThat(FaultExpectation.of(postgres(3, 1), "standby-1", Set.of()).keepsCommitting()).isTrue();
    }

    @Test
    void theLastStandbyLostUnderAnyOneStopsCommits() {
        assertThat(FaultExpectation.of(postgres(2, 1), "standby-1", Set.of()).keepsCommitting()).isFalse();
        assertThat(FaultExpectation.of(postgres(3, 1), "standby-2", Set.of("standby-1")).keepsCommitting()).isFalse();
    }

    @Test
    void aStandbyLostWithoutSynchronousReplicationChangesNothing() {
        assertThat(FaultExpectation.of(postgres(2, 0), "standby-1", Set.of()).keepsCommitting()).isTrue();
    }

    @Test
    void aLostPrimaryStopsCommitsAndSaysThereIsNoFailover() {
        FaultExpectation expectation = FaultExpectation.of(postgres(3, 1), "primary", Set.of());
        assertThat(expectation.keepsCommitting()).isFalse();
        assertThat(expectation.explanation()).contains("no automatic failover");
    }
}
