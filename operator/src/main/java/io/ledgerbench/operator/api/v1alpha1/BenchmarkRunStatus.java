package io.ledgerbench.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the operator reports about a BenchmarkRun, and all it needs to resume after a restart:
 * the phase and when it began, the run in progress, the workload seed every run shares, every
 * finished run, the summary and the verdict. Equality is by value, so an unchanged status is not written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BenchmarkRunStatus {

    private BenchmarkPhase phase;
    private String phaseStartedAt;
    private Integer run;
    private String progress;
    private String reason;
    private String message;
    private String queuedBehind;
    private Long seed;
    private Long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();
    private ClusterEnvironment environment;
    private List<RunStatus> runs = new ArrayList<>();
    private SummaryStatus summary;
    private Double throughput;
    private Double p99Ms;
    private Boolean valid;
    private String resultsConfigMap;

    public BenchmarkPhase getPhase() {
        return phase;
    }

    public void setPhase(BenchmarkPhase phase) {
        this.phase = phase;
    }

    public String getPhaseStartedAt() {
        return phaseStartedAt;
    }

    public void setPhaseStartedAt(String phaseStartedAt) {
        this.phaseStartedAt = phaseStartedAt;
    }

    public Integer getRun() {
        return run;
    }

    public void setRun(Integer run) {
        this.run = run;
    }

    public String getProgress() {
        return progress;
    }

    public void setProgress(String progress) {
        this.progress = progress;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getQueuedBehind() {
        return queuedBehind;
    }

    public void setQueuedBehind(String queuedBehind) {
        this.queuedBehind = queuedBehind;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
    }

    public ClusterEnvironment getEnvironment() {
        return environment;
    }

    public void setEnvironment(ClusterEnvironment environment) {
        this.environment = environment;
    }

    public List<RunStatus> getRuns() {
        return runs;
    }

    public void setRuns(List<RunStatus> runs) {
        this.runs = runs == null ? new ArrayList<>() : new ArrayList<>(runs);
    }

    public SummaryStatus getSummary() {
        return summary;
    }

    public void setSummary(SummaryStatus summary) {
        this.summary = summary;
    }

    public Double getThroughput() {
        return throughput;
    }

    public void setThroughput(Double throughput) {
        this.throughput = throughput;
    }

    public Double getP99Ms() {
        return p99Ms;
    }

    public void setP99Ms(Double p99Ms) {
        this.p99Ms = p99Ms;
    }

    public Boolean getValid() {
        return valid;
    }

    public void setValid(Boolean valid) {
        this.valid = valid;
    }

    public String getResultsConfigMap() {
        return resultsConfigMap;
    }

    public void setResultsConfigMap(String resultsConfigMap) {
        this.resultsConfigMap = resultsConfigMap;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof BenchmarkRunStatus that)) {
            return false;
        }
        return phase == that.phase && Objects.equals(phaseStartedAt, that.phaseStartedAt)
                && Objects.equals(run, that.run) && Objects.equals(progress, that.progress)
                && Objects.equals(reason, that.reason) && Objects.equals(message, that.message)
                && Objects.equals(queuedBehind, that.queuedBehind) && Objects.equals(seed, that.seed)
                && Objects.equals(observedGeneration, that.observedGeneration)
                && Objects.equals(conditions, that.conditions) && Objects.equals(environment, that.environment)
                && Objects.equals(runs, that.runs) && Objects.equals(summary, that.summary)
                && Objects.equals(throughput, that.throughput) && Objects.equals(p99Ms, that.p99Ms)
                && Objects.equals(valid, that.valid) && Objects.equals(resultsConfigMap, that.resultsConfigMap);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, run, progress, reason, seed, runs.size());
    }
}
