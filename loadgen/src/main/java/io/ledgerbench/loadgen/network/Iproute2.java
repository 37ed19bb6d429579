package io.ledgerbench.loadgen.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs Debian's iproute2 commands (ip, tc): each to completion, its output returned, a failure with its message. */
final class Iproute2 {

    private static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/usr/sbin"), Path.of("/sbin"),
            Path.of("/usr/bin"), Path.of("/bin"));
    private static final long COMMAND_SECONDS = 30;

    private final Path ip;
    private final Path tc;

    private Iproute2(Path ip, Path tc) {
        this.ip = ip;
        this.tc = tc;
    }

    /** iproute2 as installed here, or empty without ip or tc. */
    static Optional<Iproute2> find() {
        Optional<Path> ip = executable("ip");
        Optional<Path> tc = executable("tc");
        return ip.isPresent() && tc.isPresent() ? Optional.of(new Iproute2(ip.get(), tc.get())) : Optional.empty();
    }

    /** name on PATH or in the system directories (a root shell's PATH has them; a service's may not). */
    private static Optional<Path> executable(String name) {
        Stream<Path> path = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":"))
                .filter(entry -> !entry.isEmpty()).map(Path::of);
        return Stream.concat(path, SYSTEM_DIRECTORIES.stream()).map(directory -> directory.resolve(name))
                .filter(Files::isExecutable).findFirst();
    }

    /** ip with these arguments. */
    String ip(String... arguments) {
        return run(ip, List.of(arguments));
    }

    /** tc with these arguments, in namespace (null: this process's). */
    String tc(String namespace, String... arguments) {
        if (namespace == null) {
            return run(tc, List.of(arguments));
        }
        List<String> inNamespace = new ArrayList<>(List.of("netns", "exec", namespace, tc.toString()));
        inNamespace.addAll(List.of(arguments));
        return run(ip, inNamespace);
    }

    /** command prefixed so that it runs in namespace. */
    List<String> inNamespace(String namespace, List<String> command) {
        List<String> prefixed = new ArrayList<>(List.of(ip.toString(), "netns", "exec", namespace));
        prefixed.addAll(command);
        return prefixed;
    }

    /**
     * Runs the command to its end (at most 30 s) and returns what it printed. Uninterruptibly: these commands are
     * short, and one cut off while a network is removed would leave namespaces behind; an interrupt is kept for
     * the caller.
     */
    private static String run(Path executable, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(arguments);
        Path output = null;
        boolean interrupted = false;
        try {
            output = Files.createTempFile("ledgerbench-iproute2-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(COMMAND_SECONDS);
            boolean finished = false;
            while (!finished) {
                try {
                    finished = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (!finished) {
                        process.destroyForcibly();
                        throw new IllegalStateException(String.join(" ", command) + " did not finish in "
                                + COMMAND_SECONDS + " s");
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new CommandFailedException(String.join(" ", command), printed.strip());
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file left in /tmp
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An iproute2 command that exited non-zero, with what it printed. */
    static final class CommandFailedException extends IllegalStateException {
        CommandFailedException(String command, String output) {
            super(command + " failed: " + output);
        }
    }
}
