package io.ledgerbench.loadgen.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ledgerbench.loadgen.cluster.ClusterExchange;
import io.ledgerbench.loadgen.cluster.ClusterRunException;
import io.ledgerbench.loadgen.cluster.RoundTrips;
import io.ledgerbench.loadgen.measure.RoundTripProbe;
import io.ledgerbench.loadgen.result.LatencySummary;
import io.ledgerbench.loadgen.spec.BenchmarkRunManifest;
import io.ledgerbench.loadgen.spec.DurationText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * `loadgen probe-network FILE --peers HOST:PORT,...`: one pod per database node measures TCP
 * round trips to the others (SPEC section 6, recorded environment) and stores them for the operator;
 * it keeps echoing until every peer has stored its own, since they measure against it.
 */
@Command(name = "probe-network", description = "Measure round trips between database nodes (one pod per node;"
        + " the operator's network-probe Job) and store them for the operator.")
final class ProbeNetworkCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "BenchmarkRun YAML file")
    Path file;

    @Option(names = "--peers", paramLabel = "HOST:PORT", split = ",", required = true,
            description = "Every probe pod's address, in pod index order (this pod's own is skipped)")
    List<String> peers;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + RoundTripProbe.DEFAULT_PORT,
            description = "Port this pod echoes on (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "200",
            description = "Round trips measured to each peer (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for peers to come up and to report (default: ${DEFAULT-VALUE})")
    String timeout;

    @Mixin
    ClusterOptions cluster;

    @ParentCommand
    LoadgenCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws BadInputException, InterruptedException {
        Optional<Duration> deadlineAfter = DurationText.parse(timeout).filter(duration -> !duration.isZero());
        Optional<String> problem = cluster.identityProblem()
                .or(() -> deadlineAfter.isEmpty() ? Optional.of("--timeout: '" + timeout + "' is not a duration: "
                        + DurationText.ACCEPTED) : Optional.empty())
                .or(() -> samples < 1 ? Optional.of("--samples: must be at least 1 (got " + samples + ")") : Optional.empty())
                .or(() -> cluster.podIndex < 0 || cluster.podIndex >= peers.size()
                        ? Optional.of("--pod-index: " + cluster.podIndex + " is not one of the " + peers.size() + " peers")
                        : Optional.empty());
        if (problem.isPresent()) {
            throw new BadInputException(problem.get());
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String peer : peers) {
            int colon = peer.lastIndexOf(':');
            try {
                addresses.add(InetSocketAddress.createUnresolved(peer.substring(0, colon),
                        Integer.parseInt(peer.substring(colon + 1))));
            } catch (RuntimeException e) {
                throw new BadInputException("--peers: '" + peer + "' is not HOST:PORT");
            }
        }
        BenchmarkRunManifest manifest = Inputs.manifest(file);
        Instant deadline = Instant.now().plus(deadlineAfter.get());
        PrintWriter out = command.commandLine().getOut();
        try (RoundTripProbe probe = RoundTripProbe.serve(port); KubernetesClient kubernetes = parent.kubernetes()) {
            ClusterExchange exchange = new ClusterExchange(kubernetes, cluster.namespace, manifest.name(), cluster.ownerUid);
            Map<Integer, LatencySummary> measured = new TreeMap<>();
            for (int index = 0; index < addresses.size(); index++) {
                if (index != cluster.podIndex) {
                    LatencySummary roundTrips = LatencySummary.of(
                            RoundTripProbe.measure(addresses.get(index), samples, deadline));
                    measured.put(index, roundTrips);
                    out.printf(Locale.ROOT, "to %s: mean %.3f ms, p95 %.3f ms, p99 %.3f ms%n", peers.get(index),
                            roundTrips.meanMs(), roundTrips.p95Ms(), roundTrips.p99Ms());
                    out.flush();
                }
            }
            exchange.reportRoundTrips(new RoundTrips(cluster.podIndex, cluster.nodeName, measured));
            // The others may still be measuring against this pod's echo.
            while (exchange.roundTrips().size() < addresses.size()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new ClusterRunException("not every network probe reported before the deadline");
                }
                Thread.sleep(500);
            }
            return LoadgenCommand.EXIT_VALID;
        } catch (UncheckedIOException e) {
            throw new ClusterRunException(e.getCause().getMessage());
        } catch (IOException e) {
            throw new BadInputException("--port " + port + ": " + e.getMessage());
        }
    }
}
