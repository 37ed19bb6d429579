package io.ledgerbench.loadgen.spec;

/** What is deleted when a BenchmarkRun finishes. */
public record CleanupSpec(Boolean deleteDatabase) {

    public CleanupSpec {
        deleteDatabase = deleteDatabase == null ? Boolean.TRUE : deleteDatabase;
    }

    public static CleanupSpec defaults() {
        return new CleanupSpec(null);
    }
}
