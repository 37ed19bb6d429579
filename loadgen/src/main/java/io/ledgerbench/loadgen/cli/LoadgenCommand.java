package io.ledgerbench.loadgen.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ledgerbench.loadgen.cluster.ClusterRunException;
import io.ledgerbench.loadgen.driver.DatabaseUnavailableException;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The `loadgen` command line: run or check a BenchmarkRun file. */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
        versionProvider = LoadgenCommand.Version.class,
        description = "ledgerbench load generator: TigerBeetle vs PostgreSQL on money transfers.",
        subcommands = {RunCommand.class, PrepareCommand.class, VerifyCommand.class, ProbeNetworkCommand.class,
            ValidateCommand.class, CompareCommand.class, BenchGeneratorCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the benchmark finished and its result is valid",
            "1:the benchmark finished but its result is invalid (invariant violated or error rate too high)",
            "2:the BenchmarkRun file or an option is wrong; nothing was started",
            "3:the database could not be reached or set up",
            "4:a cluster run could not go on (Kubernetes API unreachable, start barrier not released, results missing)"})
public final class LoadgenCommand {

    public static final int EXIT_VALID = 0;
    public static final int EXIT_INVALID_RESULT = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_DATABASE = 3;
    public static final int EXIT_CLUSTER = 4;

    private final Supplier<KubernetesClient> kubernetes;

    private LoadgenCommand(Supplier<KubernetesClient> kubernetes) {
        this.kubernetes = kubernetes;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; in a pod, the Kubernetes client configures itself from the service account. */
    public static CommandLine commandLine() {
        return commandLine(() -> new KubernetesClientBuilder().build());
    }

    /** The command line with the Kubernetes client the cluster subcommands use (tests pass a mock server's). */
    public static CommandLine commandLine(Supplier<KubernetesClient> kubernetes) {
        // picocli's exit code for a wrong option or missing argument is already 2 (EXIT_BAD_INPUT).
        return new CommandLine(new LoadgenCommand(kubernetes)).setExecutionExceptionHandler(LoadgenCommand::exitCode);
    }

    /** What a subcommand could not do, as one line and its exit code; anything else is a bug and keeps its trace. */
    private static int exitCode(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        int code = switch (e) {
            case BadInputException bad -> EXIT_BAD_INPUT;
            case DatabaseUnavailableException unavailable -> EXIT_DATABASE;
            case ClusterRunException cluster -> EXIT_CLUSTER;
            case KubernetesClientException kubernetes -> EXIT_CLUSTER;
            default -> throw e;
        };
        command.getErr().println("error: " + e.getMessage());
        return code;
    }

    /** A client for the cluster subcommands; the caller closes it. */
    KubernetesClient kubernetes() {
        return kubernetes.get();
    }

    /** Prints the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ledgerbench-loadgen " + io.ledgerbench.loadgen.result.BuildVersions.loadgen()};
        }
    }
}
