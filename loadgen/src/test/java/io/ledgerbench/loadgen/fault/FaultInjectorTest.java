package io.ledgerbench.loadgen.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.spec.DatabaseSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.FaultAction;
import io.ledgerbench.loadgen.spec.FaultSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private static final DatabaseSpec POSTGRES_CLUSTER = new DatabaseSpec(EngineType.POSTGRESQL, 3, null, null, null,
            null, null, null);

    /** Records what it is asked to do; counts down once per call. */
    private static final class RecordingTarget implements FaultTarget {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch done;
        final RuntimeException failure;

        RecordingTarget(int expectedCalls, RuntimeException failure) {
            this.done = new CountDownLatch(expectedCalls);
            this.failure = failure;
        }

        @Override
        public String apply(FaultAction action, String node) {
            calls.add(action.specValue() + " " + node);
            done.countDown();
            if (failure != null) {
                throw failure;
            }
            return "done";
        }

        @Override
        public String restart(String node) {
            calls.add("restart " + node);
            done.countDown();
            return "started";
        }
    }

    @Test
    void appliesEachFaultThenRestartsItsNodeAndRecordsBothInOrder() throws Exception {
        RecordingTarget target = new RecordingTarget(3, null);
        List<AppliedFault> applied;
        try (FaultInjector injector = new FaultInjector(List.of(new FaultSpec("standby-1", FaultAction.KILL, "0ms",
                "10ms"), new FaultSpec("standby-2", FaultAction.STOP, "1ms", null)), target, POSTGRES_CLUSTER,
                reason -> { }, line -> { })) {
            injector.start(System.nanoTime());
            assertThat(target.done.await(30, TimeUnit.SECONDS)).isTrue();
            injector.close();
            applied = injector.applied();
        }
        assertThat(target.calls).containsExactly("kill standby-1", "stop standby-2", "restart standby-1");
        assertThat(applied).extracting(AppliedFault::node).containsExactly("standby-1", "standby-2");
        assertThat(applied.getFirst().restartedAtNanos()).isGreaterThanOrEqualTo(applied.getFirst().appliedAtNanos());
        assertThat(applied.get(1).restartedAtNanos()).isNull();
        assertThat(applied.get(1).expectation().keepsCommitting())
                .as("standby-2 lost while standby-1 is still down: no standby left for ANY 1").isFalse();
    }

    @Test
    void aLostPrimaryThatIsNotRestartedEndsTheRunWithTheReason() throws Exception {
        CompletableFuture<String> ended = new CompletableFuture<>();
        try (FaultInjector injector = new FaultInjector(List.of(new FaultSpec("primary", FaultAction.KILL, "0ms", null)),
                new RecordingTarget(1, null), POSTGRES_CLUSTER, ended::complete, line -> { })) {
            injector.start(System.nanoTime());
            assertThat(ended.get(30, TimeUnit.SECONDS)).contains("primary was killed").contains("no automatic failover");
            assertThat(injector.nodesDown()).containsExactly("primary");
        }
    }

    @Test
    void aFaultThatCannotBeAppliedIsRecordedWithWhy() throws Exception {
        RecordingTarget target = new RecordingTarget(1, new IllegalStateException("no such process"));
        try (FaultInjector injector = new FaultInjector(List.of(new FaultSpec("standby-1", null, "0ms", "1s")), target,
                POSTGRES_CLUSTER, reason -> { }, line -> { })) {
            injector.start(System.nanoTime());
            assertThat(target.done.await(30, TimeUnit.SECONDS)).isTrue();
            injector.close();
            assertThat(injector.applied()).singleElement().satisfies(fault -> {
                assertThat(fault.appliedAtNanos()).isNull();
                assertThat(fault.error()).isEqualTo("no such process");
            });
            assertThat(target.calls).as("nothing to restart").containsExactly("kill standby-1");
        }
    }

    @Test
    void aRestartDueAfterTheRunIsNotMade() throws Exception {
        RecordingTarget target = new RecordingTarget(1, null);
        FaultInjector injector = new FaultInjector(List.of(new FaultSpec("standby-1", null, "0ms", "1h")), target,
                POSTGRES_CLUSTER, reason -> { }, line -> { });
        injector.start(System.nanoTime());
        assertThat(target.done.await(30, TimeUnit.SECONDS)).isTrue();
        injector.close();
        assertThat(target.calls).containsExactly("kill standby-1");
        assertThat(injector.nodesDown()).containsExactly("standby-1");
    }
}
