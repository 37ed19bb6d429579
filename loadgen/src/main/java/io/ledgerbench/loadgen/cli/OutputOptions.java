package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.metrics.MetricsServer;
import io.ledgerbench.loadgen.spec.DurationText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where a benchmark's results, metrics and progress go: the options `run` and `compare` share. */
final class OutputOptions {

    @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "results",
            description = "Where results go (default: ${DEFAULT-VALUE})")
    Path resultsDirectory;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "" + MetricsServer.DEFAULT_PORT,
            description = "Port of the Prometheus endpoint /metrics; 0 picks a free port, -1 turns it off"
                    + " (default: ${DEFAULT-VALUE})")
    int metricsPort;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often to print progress (default: ${DEFAULT-VALUE})")
    String progressInterval;

    /** The progress interval, or a BadInputException naming the option. */
    Duration progressInterval() throws BadInputException {
        return DurationText.parse(progressInterval).filter(interval -> !interval.isZero()).orElseThrow(() ->
                new BadInputException("--progress-interval: '" + progressInterval + "' is not a duration: "
                        + DurationText.ACCEPTED));
    }

    /** The metrics endpoint on --metrics-port, or null when it is off or cannot start (said on err). */
    MetricsServer startMetrics(LoadgenMetrics metrics, PrintWriter err) {
        return Inputs.startMetrics(metrics, metricsPort, err);
    }
}
