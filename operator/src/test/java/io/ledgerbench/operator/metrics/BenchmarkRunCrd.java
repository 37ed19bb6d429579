package io.ledgerbench.operator.metrics;

import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Installs the committed BenchmarkRun CRD into the mock API server a Quarkus test starts the operator against. */
public final class BenchmarkRunCrd implements Consumer<KubernetesServer> {

    @Override
    public void accept(KubernetesServer server) {
        try (var crd = Files.newInputStream(Path.of("../crds/benchmarkruns.ledgerbench.io-v1.yml"))) {
            server.getClient().apiextensions().v1().customResourceDefinitions().load(crd).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
