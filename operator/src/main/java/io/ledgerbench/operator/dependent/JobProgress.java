package io.ledgerbench.operator.dependent;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** Where a load-generator Job is, as the Job controller reports it, and which pod failed and why. */
public final class JobProgress {

    /** Set by the Job controller on its pods. */
    public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

    /** What the reconciler needs to know about a Job. */
    public sealed interface State {
        record Absent() implements State {
        }

        record Active() implements State {
        }

        record Succeeded() implements State {
        }

        /** reason names the failed pod and what it said. */
        record Failed(String reason) implements State {
        }
    }

    private final KubernetesClient client;

    public JobProgress(KubernetesClient client) {
        this.client = client;
    }

    public State of(String namespace, String jobName) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
        if (job == null) {
            return new State.Absent();
        }
        int completions = Optional.ofNullable(job.getSpec().getCompletions()).orElse(1);
        List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null
                ? List.of() : job.getStatus().getConditions();
        int succeeded = job.getStatus() == null ? 0 : Optional.ofNullable(job.getStatus().getSucceeded()).orElse(0);
        int failed = job.getStatus() == null ? 0 : Optional.ofNullable(job.getStatus().getFailed()).orElse(0);
        boolean failedCondition = conditions.stream()
                .anyMatch(condition -> "Failed".equals(condition.getType()) && "True".equals(condition.getStatus()));
        if (failedCondition || failed > 0) {
            return new State.Failed(failureReason(namespace, jobName));
        }
        boolean complete = conditions.stream()
                .anyMatch(condition -> "Complete".equals(condition.getType()) && "True".equals(condition.getStatus()));
        if (complete || succeeded >= completions) {
            return new State.Succeeded();
        }
        return new State.Active();
    }

    private String failureReason(String namespace, String jobName) {
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel(JOB_NAME_LABEL, jobName).list().getItems();
        return pods.stream()
                .filter(pod -> pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase()))
                .findFirst()
                .map(pod -> "pod " + pod.getMetadata().getName() + " of Job " + jobName + " failed" + termination(pod))
                .orElse("Job " + jobName + " failed (its pods are gone; see its events)");
    }

    private static String termination(Pod pod) {
        List<ContainerStatus> statuses = Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of());
        for (ContainerStatus status : statuses) {
            ContainerStateTerminated terminated = status.getState() == null ? null : status.getState().getTerminated();
            if (terminated != null) {
                String said = Optional.ofNullable(terminated.getMessage())
                        .or(() -> Optional.ofNullable(terminated.getReason())).orElse("").strip();
                return ": exit code " + terminated.getExitCode() + (said.isEmpty() ? "" : ": " + said);
            }
        }
        return Optional.ofNullable(pod.getStatus().getReason()).map(reason -> ": " + reason).orElse("");
    }
}
