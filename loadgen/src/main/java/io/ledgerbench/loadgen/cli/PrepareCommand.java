package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `loadgen prepare FILE --postgres-url URL | --tigerbeetle-addresses A`: resets the database and loads the accounts, without running load. */
@Command(name = "prepare", description = "Recreate the benchmark database and load the spec's accounts (no load is run).")
final class PrepareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "BenchmarkRun YAML file")
    Path file;

    @Mixin
    DatabaseOptions databaseOptions;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws BadInputException {
        BenchmarkRunManifest manifest = Inputs.manifest(file);
        DatabaseOptions.Opened opened = databaseOptions.open(manifest);
        try (LedgerDatabase database = opened.database()) {
            database.reset(manifest.spec().workload());
        }
        command.commandLine().getOut().println("prepared " + opened.location() + ": "
                + manifest.spec().workload().accounts() + " accounts");
        return LoadgenCommand.EXIT_VALID;
    }
}
