package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.comparison.BenchmarkComparison;
import io.ledgerbench.loadgen.comparison.ComparisonLoader;
import io.ledgerbench.loadgen.comparison.ComparisonResult;
import io.ledgerbench.loadgen.comparison.VariantSummary;
import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.local.LocalComparisonRunner;
import io.ledgerbench.loadgen.local.UnsupportedLocallyException;
import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.metrics.MetricsServer;
import io.ledgerbench.loadgen.spec.InvalidSpecException;
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
import picocli.CommandLine.Spec;

/** `loadgen compare FILE`: runs a BenchmarkComparison on this machine and prints the table and the verdict. */
@Command(name = "compare", description = "Run a BenchmarkComparison locally: every variant once per round, rounds"
        + " interleaved; print each variant's results, its ratios to the baseline with 95 % intervals, and the verdict;"
        + " write comparison.json and report.html.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "BenchmarkComparison YAML file")
    Path file;

    @Option(names = "--postgres-url", paramLabel = "URL",
            description = "An existing PostgreSQL for every postgresql variant instead of embedded ones (its database is"
                    + " dropped and recreated for every run)")
    String postgresUrl;

    @Mixin
    OutputOptions output;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = command.commandLine().getErr();
        Duration interval = output.progressInterval();
        BenchmarkComparison comparison;
        try {
            comparison = new ComparisonLoader().load(file);
        } catch (InvalidSpecException e) {
            throw new BadInputException(e.getMessage());
        }
        Optional<PostgresEndpoint> external = postgresUrl == null ? Optional.empty()
                : Optional.of(Inputs.postgres(postgresUrl));
        try {
            LocalComparisonRunner.checkSupported(comparison, external.isPresent());
        } catch (UnsupportedLocallyException e) {
            throw new BadInputException("cannot run " + file + " locally:\n  " + e.violation());
        }
        LoadgenMetrics metrics = new LoadgenMetrics("comparison", "local");
        PrintStream out = new PrintStream(System.out, true);
        try (MetricsServer server = output.startMetrics(metrics, err)) {
            if (server != null) {
                out.println("metrics: http://localhost:" + server.port() + "/metrics");
            }
            ComparisonResult result = new LocalComparisonRunner(out, output.resultsDirectory, external, metrics,
                    interval).run(comparison);
            boolean allValid = result.variants().stream().map(VariantSummary::invalidRounds).allMatch(java.util.List::isEmpty);
            return allValid ? LoadgenCommand.EXIT_VALID : LoadgenCommand.EXIT_INVALID_RESULT;
        }
    }
}
