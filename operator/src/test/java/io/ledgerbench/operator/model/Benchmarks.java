package io.ledgerbench.operator.model;

import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.Examples;

/** BenchmarkRuns for model tests: the shipped examples as the API server would hand them to the operator. */
final class Benchmarks {

    static final String NAMESPACE = "bench";
    static final String UID = "6f1c1b3e-2a4d-4f7e-9c1a-0d9e8b7a6c5f";

    private Benchmarks() {
    }

    static BenchmarkRun example(String file) {
        BenchmarkRun run = Examples.read(file);
        run.getMetadata().setNamespace(NAMESPACE);
        run.getMetadata().setUid(UID);
        return run;
    }

    static BenchmarkRun postgres() {
        return example("postgresql-fair.yaml");
    }

    static BenchmarkRun tigerbeetle() {
        return example("tigerbeetle-3node.yaml");
    }
}
