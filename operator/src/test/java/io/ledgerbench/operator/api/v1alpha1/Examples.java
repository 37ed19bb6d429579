package io.ledgerbench.operator.api.v1alpha1;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shipped BenchmarkRun examples (manifests/examples/), read into the CRD type as kubectl would send them. */
public final class Examples {

    public static final Path DIRECTORY = Path.of("../manifests/examples");
    private static final String LOCAL_PREFIX = "local-";

    private Examples() {
    }

    /** One example by file name, e.g. "postgresql-fair.yaml". */
    public static BenchmarkRun read(String file) {
        try {
            return Serialization.unmarshal(Files.readString(DIRECTORY.resolve(file)), BenchmarkRun.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every BenchmarkRun example's file name, sorted (BenchmarkComparison examples are another kind). */
    public static List<String> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .filter(Examples::isBenchmarkRun)
                    .map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBenchmarkRun(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.strip().equals("kind: BenchmarkRun"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The examples for a Kubernetes cluster: every one but the local-* files `make run` takes. */
    public static List<String> forCluster() {
        return all().stream().filter(name -> !name.startsWith(LOCAL_PREFIX)).toList();
    }
}
