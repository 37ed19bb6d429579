package io.ledgerbench.loadgen.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.RunVerification;
import io.ledgerbench.loadgen.cluster.RunVerifier;
import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.driver.postgres.PostgresLedgerDatabase;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * `loadgen verify FILE --postgres-url URL --cluster-run R`: the verify pod of a cluster run. It
 * merges the load pods' counts, checks the invariants and stores the check for the operator.
 */
@Command(name = "verify", description = "Check the invariants after run RUN of a BenchmarkRun in Kubernetes against"
        + " every load-generator pod's counts, and store the check for the operator.")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "BenchmarkRun YAML file")
    Path file;

    @Option(names = "--postgres-url", paramLabel = "URL", required = true,
            description = "The PostgreSQL to check: " + PostgresEndpoint.URL_FORMAT
                    + " (without a password in the URL, PGPASSWORD is used)")
    String postgresUrl;

    @Mixin
    ClusterOptions cluster;

    @ParentCommand
    LoadgenCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws BadInputException {
        PostgresEndpoint endpoint = Inputs.postgres(postgresUrl);
        if (!cluster.inCluster()) {
            throw new BadInputException("--cluster-run: required (verify checks one run of a BenchmarkRun in Kubernetes)");
        }
        BenchmarkRunManifest manifest = Inputs.manifest(file);
        BenchmarkRunSpec spec = manifest.spec();
        Optional<String> problem = cluster.problem(spec);
        if (problem.isPresent()) {
            throw new BadInputException(problem.get());
        }
        Inputs.requirePostgres(manifest, "verify");
        try (KubernetesClient kubernetes = parent.kubernetes();
             PostgresLedgerDatabase database = new PostgresLedgerDatabase(endpoint, spec.database().postgresql())) {
            ClusterExchange exchange = new ClusterExchange(kubernetes, cluster.namespace, manifest.name(), cluster.ownerUid);
            RunVerification verification = new RunVerifier(exchange).verify(spec, cluster.run, database,
                    endpoint.describe());
            PrintWriter out = command.commandLine().getOut();
            out.println("run " + cluster.run + ": invariants " + (verification.invariants().ok() ? "passed"
                    : "FAILED: " + String.join("; ", verification.invariants().violations())));
            out.flush();
            return verification.invariants().ok() ? LoadgenCommand.EXIT_VALID : LoadgenCommand.EXIT_INVALID_RESULT;
        }
    }
}
