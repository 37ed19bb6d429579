package io.ledgerbench.loadgen.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.RunVerification;
import io.ledgerbench.loadgen.cluster.RunVerifier;
import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * `loadgen verify FILE --postgres-url URL | --tigerbeetle-addresses A --cluster-run R`: the verify pod of a cluster run. It
 * merges the load pods' counts, checks the invariants and stores the check for the operator.
 */
@Command(name = "verify", description = "Check the invariants after run RUN of a BenchmarkRun in Kubernetes against"
        + " every load-generator pod's counts, and store the check for the operator.")
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "BenchmarkRun YAML file")
    Path file;

    @Mixin
    DatabaseOptions databaseOptions;

    @Mixin
    ClusterOptions cluster;

    @ParentCommand
    LoadgenCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws BadInputException {
        if (!cluster.inCluster()) {
            throw new BadInputException("--cluster-run: required (verify checks one run of a BenchmarkRun in Kubernetes)");
        }
        BenchmarkRunManifest manifest = Inputs.manifest(file);
        BenchmarkRunSpec spec = manifest.spec();
        cluster.check(spec);
        DatabaseOptions.Opened opened = databaseOptions.open(manifest);
        try (KubernetesClient kubernetes = parent.kubernetes(); LedgerDatabase database = opened.database()) {
            ClusterExchange exchange = new ClusterExchange(kubernetes, cluster.namespace, manifest.name(), cluster.ownerUid);
            RunVerification verification = new RunVerifier(exchange).verify(spec, cluster.run, database,
                    opened.location());
            PrintWriter out = command.commandLine().getOut();
            out.println("run " + cluster.run + ": invariants " + (verification.invariants().ok() ? "passed"
                    : "FAILED: " + String.join("; ", verification.invariants().violations())));
            out.flush();
            return verification.invariants().ok() ? LoadgenCommand.EXIT_VALID : LoadgenCommand.EXIT_INVALID_RESULT;
        }
    }
}
