package io.ledgerbench.loadgen.spec;

/** One problem with a BenchmarkRun file: the field's path (e.g. spec.workload.amount.min) and what is allowed. */
public record SpecViolation(String field, String problem) {

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
