package io.ledgerbench.loadgen.cli;

import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.SpecLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `loadgen validate FILE`: checks a BenchmarkRun file and prints it with every default filled in. */
@Command(name = "validate", description = "Check a BenchmarkRun file and print it with defaults filled in.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "BenchmarkRun YAML file")
    Path file;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws BadInputException {
        BenchmarkRunManifest manifest = Inputs.manifest(file);
        command.commandLine().getOut().print(new SpecLoader().toYaml(manifest));
        return LoadgenCommand.EXIT_VALID;
    }
}
