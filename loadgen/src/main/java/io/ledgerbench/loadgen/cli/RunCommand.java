package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.driver.postgres.DatabaseUnavailableException;
import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.local.LocalRunner;
import io.ledgerbench.loadgen.local.UnsupportedLocallyException;
import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.metrics.MetricsServer;
import io.ledgerbench.loadgen.result.AggregateResult;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.DurationText;
import io.ledgerbench.loadgen.spec.InvalidSpecException;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `loadgen run FILE`: runs a BenchmarkRun locally, on an embedded PostgreSQL or an existing one. */
@Command(name = "run", description = "Run a BenchmarkRun locally and write results/NAME/ and results/comparison.csv.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "BenchmarkRun YAML file")
    Path file;

    @Option(names = "--postgres-url", paramLabel = "URL",
            description = "Use this PostgreSQL instead of an embedded one: " + PostgresEndpoint.URL_FORMAT
                    + " (without a password in the URL, PGPASSWORD is used). The database (default ledgerbench) is"
                    + " dropped and recreated for every run.")
    String postgresUrl;

    @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "results",
            description = "Where results go (default: ${DEFAULT-VALUE})")
    Path resultsDirectory;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9464",
            description = "Port of the Prometheus endpoint /metrics; 0 picks a free port, -1 turns it off"
                    + " (default: ${DEFAULT-VALUE})")
    int metricsPort;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often to print progress (default: ${DEFAULT-VALUE})")
    String progressInterval;

    @Option(names = "--debug", description = "Print stack traces of unexpected errors")
    boolean debug;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = command.commandLine().getErr();
        Optional<Duration> interval = DurationText.parse(progressInterval).filter(d -> !d.isZero());
        if (interval.isEmpty()) {
            err.println("error: --progress-interval: '" + progressInterval + "' is not a duration: " + DurationText.ACCEPTED);
            return LoadgenCommand.EXIT_BAD_INPUT;
        }
        Optional<PostgresEndpoint> external;
        try {
            external = Optional.ofNullable(postgresUrl).map(PostgresEndpoint::parse)
                    .map(endpoint -> endpoint.withPasswordFallback(System.getenv(PostgresEndpoint.PASSWORD_ENVIRONMENT)));
        } catch (IllegalArgumentException e) {
            err.println("error: --postgres-url: " + e.getMessage());
            return LoadgenCommand.EXIT_BAD_INPUT;
        }
        BenchmarkRunManifest manifest;
        try {
            manifest = new SpecLoader().load(file);
            LocalRunner.checkSupported(manifest.spec());
        } catch (InvalidSpecException e) {
            err.println("error: " + e.getMessage());
            return LoadgenCommand.EXIT_BAD_INPUT;
        } catch (UnsupportedLocallyException e) {
            err.println("error: cannot run " + file + " locally:\n  " + e.violation());
            return LoadgenCommand.EXIT_BAD_INPUT;
        }
        LoadgenMetrics metrics = new LoadgenMetrics(manifest.spec().database().engine().specValue(), "local");
        PrintStream out = new PrintStream(System.out, true);
        try (MetricsServer server = startMetrics(metrics, err)) {
            if (server != null) {
                out.println("metrics: http://localhost:" + server.port() + "/metrics");
            }
            LocalRunner runner = new LocalRunner(out, resultsDirectory, external, metrics, interval.get());
            AggregateResult aggregate = runner.run(manifest);
            return aggregate.valid() ? LoadgenCommand.EXIT_VALID : LoadgenCommand.EXIT_INVALID_RESULT;
        } catch (DatabaseUnavailableException e) {
            err.println("error: " + e.getMessage());
            return LoadgenCommand.EXIT_DATABASE;
        } catch (java.io.UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return LoadgenCommand.EXIT_DATABASE;
        }
    }

    private MetricsServer startMetrics(LoadgenMetrics metrics, PrintWriter err) {
        if (metricsPort < 0) {
            return null;
        }
        try {
            return MetricsServer.start(metrics, metricsPort);
        } catch (BindException e) {
            err.println("warning: --metrics-port " + metricsPort + " is in use; metrics are off for this run"
                    + " (pick another port, or 0 for any free port)");
            return null;
        } catch (IOException e) {
            err.println("warning: metrics endpoint not started: " + e.getMessage());
            return null;
        }
    }
}
