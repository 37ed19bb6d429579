package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.metrics.LoadgenMetrics;
import io.ledgerbench.loadgen.metrics.MetricsServer;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.InvalidSpecException;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;

/** What several subcommands read the same way, each mistake as one {@link BadInputException}. */
final class Inputs {

    private Inputs() {
    }

    /** --postgres-url; without a password in it, PGPASSWORD's (as libpq does). */
    static PostgresEndpoint postgres(String url) throws BadInputException {
        try {
            return PostgresEndpoint.parse(url).withPasswordFallback(System.getenv(PostgresEndpoint.PASSWORD_ENVIRONMENT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--postgres-url: " + e.getMessage());
        }
    }

    static BenchmarkRunManifest manifest(Path file) throws BadInputException {
        try {
            return new SpecLoader().load(file);
        } catch (InvalidSpecException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The Prometheus endpoint on port (0 = any free port), or null when port is negative or it cannot start (said on err). */
    static MetricsServer startMetrics(LoadgenMetrics metrics, int port, PrintWriter err) {
        if (port < 0) {
            return null;
        }
        try {
            return MetricsServer.start(metrics, port);
        } catch (BindException e) {
            err.println("warning: --metrics-port " + port + " is in use; metrics are off for this run"
                    + " (pick another port, or 0 for any free port)");
            return null;
        } catch (IOException e) {
            err.println("warning: metrics endpoint not started: " + e.getMessage());
            return null;
        }
    }
}
