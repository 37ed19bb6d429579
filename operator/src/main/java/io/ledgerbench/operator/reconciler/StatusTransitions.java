package io.ledgerbench.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.PodResult;
import io.ledgerbench.loadgen.cluster.ResourceNames;
import io.ledgerbench.loadgen.result.Environment;
import io.ledgerbench.loadgen.result.RunResult;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.ledgerbench.operator.api.v1alpha1.ClusterEnvironment;
import io.ledgerbench.operator.api.v1alpha1.RunStatus;
import io.ledgerbench.operator.dependent.ClusterFacts;
import io.ledgerbench.operator.dependent.PhaseEvents;
import io.ledgerbench.operator.dependent.ResultsStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records a step's decision in status: the phase, run and progress, the finished runs (rebuilt
 * from the results ConfigMap, never appended twice), the environment, conditions, an Event per
 * phase change, and the cleanup the spec asks for once the BenchmarkRun is final.
 */
final class StatusTransitions {

    static final String CONDITION_COMPLETE = "Complete";
    static final String CONDITION_VALID = "Valid";

    private final KubernetesClient client;
    private final Clock clock;

    StatusTransitions(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void apply(BenchmarkRun owner, BenchmarkPhase from, StepOutcome outcome) {
        BenchmarkRunStatus status = owner.getStatus();
        switch (outcome) {
            case StepOutcome.Wait wait -> status.setMessage("waiting for " + wait.waitingFor());
            case StepOutcome.Advance advance -> advance(owner, from, advance);
            case StepOutcome.Fail fail -> fail(owner, fail);
        }
    }

    private void advance(BenchmarkRun owner, BenchmarkPhase from, StepOutcome.Advance advance) {
        BenchmarkRunStatus status = owner.getStatus();
        if (from == BenchmarkPhase.Verifying) {
            List<RunResult> runs = new ResultsStore(client).runs(owner);
            status.setRuns(runs.stream().map(RunStatus::of).toList());
            boolean versionsKnown = status.getEnvironment() != null && status.getEnvironment().serverVersion() != null;
            if (!versionsKnown) {
                runs.stream().findFirst().ifPresent(first -> recordVersions(owner, first));
            }
        }
        Instant now = Instant.now(clock);
        status.setPhase(advance.phase());
        status.setRun(advance.run());
        status.setPhaseStartedAt(now.toString());
        status.setProgress(advance.run() + "/" + owner.getSpec().runs());
        status.setMessage(null);
        String message = switch (advance.phase()) {
            case Queued -> "admitted; waiting for nodes no other benchmark uses";
            case Provisioning -> "creating the database and the load generators' identity";
            case Loading -> "run " + advance.run() + "/" + owner.getSpec().runs() + ": resetting the database";
            case Running -> "run " + advance.run() + "/" + owner.getSpec().runs() + ": measuring";
            case Verifying -> "run " + advance.run() + "/" + owner.getSpec().runs() + ": checking invariants";
            case Aggregating -> "all runs measured: computing statistics";
            default -> "";
        };
        if (advance.phase() == BenchmarkPhase.Succeeded) {
            status.setResultsConfigMap(new ResourceNames(owner.getMetadata().getName()).resultsConfigMap());
            boolean valid = Boolean.TRUE.equals(status.getValid());
            setCondition(status, CONDITION_COMPLETE, true, "Succeeded", "every run measured and verified", now, owner);
            setCondition(status, CONDITION_VALID, valid, valid ? "Valid" : "Invalid", valid ? "no invalidating warning"
                    : String.join("; ", status.getSummary().warnings()), now, owner);
            message = "throughput " + status.getThroughput() + " transfers/s, p99 " + status.getP99Ms() + " ms, "
                    + (valid ? "valid" : "INVALID") + "; results in ConfigMap " + status.getResultsConfigMap();
            new DatabaseDeployment(client).deleteIfAsked(owner);
        }
        new PhaseEvents(client).phaseChanged(owner, advance.phase(), advance.run(), message, now);
    }

    private void fail(BenchmarkRun owner, StepOutcome.Fail fail) {
        BenchmarkRunStatus status = owner.getStatus();
        Instant now = Instant.now(clock);
        status.setPhase(BenchmarkPhase.Failed);
        status.setPhaseStartedAt(now.toString());
        status.setReason(fail.reason());
        status.setMessage(fail.message());
        status.setValid(false);
        setCondition(status, CONDITION_COMPLETE, false, fail.reason(), fail.message(), now, owner);
        new PhaseEvents(client).phaseChanged(owner, BenchmarkPhase.Failed, status.getRun() == null ? 0 : status.getRun(),
                fail.reason() + ": " + fail.message(), now);
        new DatabaseDeployment(client).deleteIfAsked(owner);
    }

    /** Versions as the verify pod saw them; load-generator nodes as the load pods reported them. */
    private void recordVersions(BenchmarkRun owner, RunResult first) {
        ClusterEnvironment current = owner.getStatus().getEnvironment();
        Environment seen = first.environment();
        ClusterFacts facts = new ClusterFacts(client);
        Map<String, String> loadgenNodes = new TreeMap<>();
        List<PodResult> pods = new ClusterExchange(client, owner.getMetadata().getNamespace(),
                owner.getMetadata().getName(), owner.getMetadata().getUid()).podResults(first.run());
        for (PodResult pod : pods) {
            loadgenNodes.put("pod-" + pod.podIndex(), facts.describeNode(pod.nodeName()));
        }
        owner.getStatus().setEnvironment(new ClusterEnvironment(
                current == null ? facts.kubernetesVersion() : current.kubernetesVersion(),
                seen.serverVersion(), seen.clientVersion(), seen.loadgenVersion(), seen.jvm(),
                current == null ? Map.of() : current.databaseNodes(), loadgenNodes,
                current == null ? null : current.storageCheck(),
                current == null ? List.of() : current.databaseRoundTrips()));
    }

    private static void setCondition(BenchmarkRunStatus status, String type, boolean isTrue, String reason,
                                     String message, Instant now, BenchmarkRun owner) {
        Condition condition = new ConditionBuilder().withType(type).withStatus(isTrue ? "True" : "False")
                .withReason(reason).withMessage(message).withLastTransitionTime(now.toString())
                .withObservedGeneration(owner.getMetadata().getGeneration()).build();
        List<Condition> conditions = new ArrayList<>(status.getConditions().stream()
                .filter(existing -> !type.equals(existing.getType())).toList());
        conditions.add(condition);
        status.setConditions(conditions);
    }
}
