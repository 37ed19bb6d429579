package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.InvalidSpecException;
import io.ledgerbench.loadgen.spec.SpecLoader;
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
}
