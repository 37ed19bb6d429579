package io.ledgerbench.loadgen.spec;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * The spec of a BenchmarkRun: what to deploy, what load to offer, how many runs, how to judge them, and
 * the distance and faults the runs meet.
 */
public record BenchmarkRunSpec(
        DatabaseSpec database,
        WorkloadSpec workload,
        LoadgenSpec loadgen,
        @Min(1) @Max(SpecValidator.MAX_RUNS) Integer runs,
        ValidationSpec validation,
        CleanupSpec cleanup,
        NetworkSpec network,
        java.util.List<FaultSpec> faults) {

    public static final int DEFAULT_RUNS = 3;

    public BenchmarkRunSpec {
        database = database == null ? DatabaseSpec.defaults() : database;
        workload = workload == null ? WorkloadSpec.defaults() : workload;
        loadgen = loadgen == null ? LoadgenSpec.defaults() : loadgen;
        runs = runs == null ? DEFAULT_RUNS : runs;
        validation = validation == null ? ValidationSpec.defaults() : validation;
        cleanup = cleanup == null ? CleanupSpec.defaults() : cleanup;
        network = network == null ? NetworkSpec.defaults() : network;
        faults = faults == null ? java.util.List.of() : java.util.List.copyOf(faults);
    }

    public static BenchmarkRunSpec defaults() {
        return new BenchmarkRunSpec(null, null, null, null, null, null, null, null);
    }

    /** This spec with the workload seed set. */
    public BenchmarkRunSpec withSeed(long seed) {
        return new BenchmarkRunSpec(database, workload.withSeed(seed), loadgen, runs, validation, cleanup, network,
                faults);
    }
}
