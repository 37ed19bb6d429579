package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import io.ledgerbench.loadgen.driver.postgres.PostgresLedgerDatabase;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `loadgen prepare FILE --postgres-url URL`: resets the database and loads the accounts, without running load. */
@Command(name = "prepare", description = "Recreate the benchmark database and load the spec's accounts (no load is run).")
final class PrepareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "BenchmarkRun YAML file")
    Path file;

    @Option(names = "--postgres-url", paramLabel = "URL", required = true,
            description = "The PostgreSQL to prepare: " + PostgresEndpoint.URL_FORMAT
                    + " (without a password in the URL, PGPASSWORD is used)")
    String postgresUrl;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws BadInputException {
        PostgresEndpoint endpoint = Inputs.postgres(postgresUrl);
        BenchmarkRunManifest manifest = Inputs.manifest(file);
        Inputs.requirePostgres(manifest, "prepare");
        try (PostgresLedgerDatabase database = new PostgresLedgerDatabase(endpoint, manifest.spec().database().postgresql())) {
            database.reset(manifest.spec().workload());
        }
        command.commandLine().getOut().println("prepared " + endpoint.describe() + ": "
                + manifest.spec().workload().accounts() + " accounts");
        return LoadgenCommand.EXIT_VALID;
    }
}
