package io.ledgerbench.operator.api.v1alpha1;

/** What the operator reports about a BenchmarkRun: its phase and the run in progress (grown by the operator issue). */
public class BenchmarkRunStatus {

    private String phase;
    private Integer run;

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public Integer getRun() {
        return run;
    }

    public void setRun(Integer run) {
        this.run = run;
    }
}
