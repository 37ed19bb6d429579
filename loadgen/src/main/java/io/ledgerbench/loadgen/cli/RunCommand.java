package io.ledgerbench.loadgen.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.PodRun;
import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.local.LocalRunner;
import io.ledgerbench.loadgen.local.UnsupportedLocallyException;
import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.metrics.MetricsServer;
import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.schedule.RunExecutor;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * `loadgen run FILE`: runs a BenchmarkRun locally, on an embedded PostgreSQL or an existing one;
 * with --cluster-run, runs one load-generator pod's share of one run in Kubernetes.
 */
@Command(name = "run", description = {
    "Run a BenchmarkRun locally and write results/NAME/ and results/comparison.csv.",
    "With --cluster-run: run this pod's share of one run of a BenchmarkRun in Kubernetes (the operator's load Job)."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "BenchmarkRun YAML file")
    Path file;

    @Mixin
    DatabaseOptions databaseOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--debug", description = "Print stack traces of unexpected errors")
    boolean debug;

    @Mixin
    ClusterOptions cluster;

    @ParentCommand
    LoadgenCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = command.commandLine().getErr();
        Duration interval = output.progressInterval();
        BenchmarkRunManifest manifest = Inputs.manifest(file);
        if (cluster.inCluster()) {
            return runInCluster(manifest, interval, err);
        }
        Optional<PostgresEndpoint> external = databaseOptions.postgresUrl == null ? Optional.empty()
                : Optional.of(Inputs.postgres(databaseOptions.postgresUrl));
        try {
            LocalRunner.checkSupported(manifest.spec(), external.isPresent());
        } catch (UnsupportedLocallyException e) {
            throw new BadInputException("cannot run " + file + " locally:\n  " + e.violation());
        }
        LoadgenMetrics metrics = new LoadgenMetrics(manifest.spec().database().engine().specValue(), "local");
        PrintStream out = new PrintStream(System.out, true);
        try (MetricsServer server = startMetrics(metrics, err)) {
            if (server != null) {
                out.println("metrics: http://localhost:" + server.port() + "/metrics");
            }
            LocalRunner runner = new LocalRunner(out, output.resultsDirectory, external, metrics, interval);
            AggregateResult aggregate = runner.run(manifest);
            return aggregate.valid() ? LoadgenCommand.EXIT_VALID : LoadgenCommand.EXIT_INVALID_RESULT;
        } catch (java.io.UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return LoadgenCommand.EXIT_DATABASE;
        }
    }

    private int runInCluster(BenchmarkRunManifest manifest, Duration interval, PrintWriter err)
            throws BadInputException, InterruptedException {
        BenchmarkRunSpec spec = manifest.spec();
        cluster.check(spec);
        DatabaseOptions.Opened opened = databaseOptions.open(manifest);
        LoadgenMetrics metrics = new LoadgenMetrics(spec.database().engine().specValue(), "pod-" + cluster.podIndex);
        PrintStream out = new PrintStream(System.out, true);
        try (MetricsServer server = startMetrics(metrics, err);
             KubernetesClient kubernetes = parent.kubernetes();
             LedgerDatabase database = opened.database()) {
            ClusterExchange exchange = new ClusterExchange(kubernetes, cluster.namespace, manifest.name(), cluster.ownerUid);
            PodRun podRun = new PodRun(exchange, new RunExecutor(interval, RunExecutor.DEFAULT_DRAIN_TIMEOUT), out,
                    cluster.startTimeoutDuration().orElseThrow());
            podRun.run(spec, cluster.run, cluster.podIndex, cluster.nodeName, database, metrics.forRun(cluster.run),
                    metrics::targetRate);
            return LoadgenCommand.EXIT_VALID;
        }
    }

    private MetricsServer startMetrics(LoadgenMetrics metrics, PrintWriter err) {
        return output.startMetrics(metrics, err);
    }
}
