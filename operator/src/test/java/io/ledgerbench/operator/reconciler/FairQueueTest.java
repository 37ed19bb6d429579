package io.ledgerbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRunStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairQueueTest {

    private static final List<Node> NODES = List.of(node("db-0", "database"), node("lg-0", "loadgen"),
            node("db-9", "other-database"), node("lg-9", "other-loadgen"));

    private static Node node(String name, String group) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(Map.of("ledgerbench.io/node-group", group))
                .endMetadata().build();
    }

    private static BenchmarkRun run(String name, String created, BenchmarkPhase phase, String pool) {
        BenchmarkRun run = Serialization.unmarshal("""
                apiVersion: ledgerbench.io/v1alpha1
                kind: BenchmarkRun
                metadata: {name: %s, namespace: bench, uid: uid-%s, creationTimestamp: "%s"}
                spec:
                  database: {placement: {nodeSelector: {ledgerbench.io/node-group: %sdatabase}}}
                  loadgen: {placement: {nodeSelector: {ledgerbench.io/node-group: %sloadgen}}}
                """.formatted(name, name, created, pool, pool), BenchmarkRun.class);
        BenchmarkRunStatus status = new BenchmarkRunStatus();
        status.setPhase(phase);
        run.setStatus(status);
        return run;
    }

    @Test
    void aRunWaitsBehindOneThatHoldsTheSameNodes() {
        BenchmarkRun holding = run("first", "2026-11-22T10:00:00Z", BenchmarkPhase.Running, "");
        BenchmarkRun candidate = run("second", "2026-11-22T10:05:00Z", BenchmarkPhase.Queued, "");
        assertThat(FairQueue.blocker(candidate, List.of(holding, candidate), NODES)).contains(holding);
    }

    @Test
    void aRunOnADisjointNodePoolDoesNotWait() {
        BenchmarkRun holding = run("first", "2026-11-22T10:00:00Z", BenchmarkPhase.Running, "");
        BenchmarkRun candidate = run("second", "2026-11-22T10:05:00Z", BenchmarkPhase.Queued, "other-");
        assertThat(FairQueue.blocker(candidate, List.of(holding, candidate), NODES)).isEmpty();
    }

    @Test
    void anOlderWaitingRunGoesFirstAndAYoungerOneDoesNotBlock() {
        BenchmarkRun older = run("older", "2026-11-22T10:00:00Z", BenchmarkPhase.Queued, "");
        BenchmarkRun younger = run("younger", "2026-11-22T10:05:00Z", BenchmarkPhase.Queued, "");
        assertThat(FairQueue.blocker(younger, List.of(older, younger), NODES)).contains(older);
        assertThat(FairQueue.blocker(older, List.of(older, younger), NODES)).isEmpty();
    }

    @Test
    void finishedRunsHoldNothing() {
        BenchmarkRun done = run("done", "2026-11-22T10:00:00Z", BenchmarkPhase.Succeeded, "");
        BenchmarkRun failed = run("failed", "2026-11-22T10:01:00Z", BenchmarkPhase.Failed, "");
        BenchmarkRun candidate = run("next", "2026-11-22T10:05:00Z", BenchmarkPhase.Queued, "");
        assertThat(FairQueue.blocker(candidate, List.of(done, failed, candidate), NODES)).isEmpty();
    }

    @Test
    void withNoNodeVisibleEveryRunMayShareEveryNode() {
        BenchmarkRun holding = run("first", "2026-11-22T10:00:00Z", BenchmarkPhase.Provisioning, "");
        BenchmarkRun candidate = run("second", "2026-11-22T10:05:00Z", BenchmarkPhase.Queued, "other-");
        assertThat(FairQueue.blocker(candidate, List.of(holding, candidate), List.of())).contains(holding);
    }
}
