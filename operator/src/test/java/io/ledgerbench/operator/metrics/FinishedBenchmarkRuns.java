package io.ledgerbench.operator.metrics;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.result.LatencySummary;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkPhase;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRun;
import io.ledgerbench.operator.api.v1alpha1.BenchmarkRunStatus;
import io.ledgerbench.operator.api.v1alpha1.ClusterEnvironment;
import io.ledgerbench.operator.api.v1alpha1.Examples;
import io.ledgerbench.operator.api.v1alpha1.InvariantStatus;
import io.ledgerbench.operator.api.v1alpha1.RoundTripStatus;
import io.ledgerbench.operator.api.v1alpha1.RunStatus;
import java.util.List;
import java.util.Map;

/** BenchmarkRuns for tests of the operator's metrics: one whose status says it finished two runs on three nodes. */
public final class FinishedBenchmarkRuns {

    public static final String NAMESPACE = "bench";

    private FinishedBenchmarkRuns() {
    }

    /** Creates the shipped postgresql-fair example under name, then writes a finished status to it. */
    public static BenchmarkRun create(KubernetesClient client, String name) {
        BenchmarkRun created = client.resource(example(name)).create();
        created.setStatus(finishedStatus());
        return client.resource(created).updateStatus();
    }

    /** The shipped postgresql-fair example under name, not yet applied. */
    public static BenchmarkRun example(String name) {
        BenchmarkRun run = Examples.read("postgresql-fair.yaml");
        run.getMetadata().setName(name);
        run.getMetadata().setNamespace(NAMESPACE);
        return run;
    }

    private static BenchmarkRunStatus finishedStatus() {
        BenchmarkRunStatus status = new BenchmarkRunStatus();
        status.setPhase(BenchmarkPhase.Succeeded);
        status.setRun(2);
        status.setRuns(List.of(run(1, 4100.5), run(2, 4200.25)));
        status.setEnvironment(new ClusterEnvironment("v1.33.4", "PostgreSQL 18", "vertx-pg-client", "0.1.0", "25",
                Map.of(), Map.of(), "passed", List.of(new RoundTripStatus("db-0", "db-1", 0.21, 0.3, 0.42),
                new RoundTripStatus("db-1", "db-0", 0.2, 0.29, 0.4))));
        return status;
    }

    private static RunStatus run(int number, double throughput) {
        return new RunStatus(number, throughput, new LatencySummary(1000, 2.0, 1.5, 4.0, 7.5, 12.0, 30.0), 100_000,
                900, 0, 0.0, null, 0.4, 0.1, new InvariantStatus(true, 1, 1, 100_000, 100_000, List.of()), true, List.of(),
                null, null, null, null, null, null);
    }
}
