package io.ledgerbench.loadgen.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ledgerbench.loadgen.measure.RoundTripProbe;
import io.ledgerbench.loadgen.spec.NetworkSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The namespaces a local run's distance is made of, built for real: they need root (namespaces, links,
 * delays); without it each test is reported as skipped, by name (make test lists them). Where the kernel
 * has no netem the delayed links are the user-space wire: the same assertions hold for both.
 */
@EnabledIf(value = "rightsPresent", disabledReason = "building network namespaces needs root (CAP_SYS_ADMIN,"
        + " CAP_NET_ADMIN), iproute2 and /dev/net/tun")
class NamespaceNetworkTest {

    static boolean rightsPresent() {
        return NamespaceNetwork.missingRights().isEmpty();
    }

    private static Iproute2 ip() {
        return Iproute2.find().orElseThrow();
    }

    /** Asked of the kernel directly, in a namespace of the test's own: can a netem qdisc be added? */
    private static boolean kernelHasNetem() throws Exception {
        String namespace = "ledgerbench-netem-probe-" + ProcessHandle.current().pid();
        new ProcessBuilder("ip", "netns", "add", namespace).inheritIO().start().waitFor();
        try {
            return new ProcessBuilder("ip", "netns", "exec", namespace, "tc", "qdisc", "add", "dev", "lo", "root",
                    "netem", "delay", "1ms").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } finally {
            new ProcessBuilder("ip", "netns", "del", namespace).inheritIO().start().waitFor();
        }
    }

    /** The JDK's own small web server, listening in namespace at address: something to connect to there. */
    private static Process listenIn(NodeHost host, String address, int port) throws IOException {
        Path jwebserver = Path.of(System.getProperty("java.home"), "bin", "jwebserver");
        Process server = new ProcessBuilder(host.launch(List.of(jwebserver.toString(), "-b", address, "-p",
                Integer.toString(port), "-d", "/tmp"))).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        // Listening takes the JVM's start: wait for the first connect that succeeds (the server says nothing else).
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!server.isAlive()) {
                    throw new IllegalStateException("jwebserver ended in " + host.namespace().orElseThrow());
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 1_000);
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            server.destroyForcibly();
            throw e;
        }
        return server;
    }

    @Test
    void theClientRoundTripAcrossTheLoadGeneratorsLinkIsTheOneAskedFor() throws Exception {
        try (NamespaceNetwork network = NamespaceNetwork.create(new NetworkSpec("10ms", null, null), 1)) {
            Process server = listenIn(network.node(0), network.node(0).clientAddress(), 8000);
            try {
                NetworkResult measured = network.measure(8000);
                assertThat(measured.clientRoundTripMeasuredMs().p50Ms()).as(network.emulation())
                        .isBetween(10.0, 15.0); // never early; not twice over
                assertThat(measured.nodeRoundTripMeasuredMs()).isNull();
                assertThat(network.usesNetem()).as("netem where this kernel has it, else the wire")
                        .isEqualTo(kernelHasNetem());
                assertThat(measured.emulation()).contains(network.usesNetem() ? "tc netem" : "user-space wire");
            } finally {
                server.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void nodeToNodeCrossesTwoNodeLinksAndTheClientNetworkStaysUndelayed() throws Exception {
        try (NamespaceNetwork network = NamespaceNetwork.create(new NetworkSpec(null, "8ms", null), 3)) {
            NodeHost first = network.node(0);
            NodeHost second = network.node(1);
            Process onPeers = listenIn(second, second.peerAddress(), 8000);
            Process onClients = listenIn(second, second.clientAddress(), 8001);
            try {
                assertThat(network.measure(8000).nodeRoundTripMeasuredMs().p50Ms()).isBetween(8.0, 12.0);
                // From the first node's namespace to the second over the node network: the replication path.
                Histogram between = connectTimesFrom(first, second.peerAddress(), 8000);
                assertThat(between.getValueAtPercentile(50) / 1e6).as("never early; includes starting date").isBetween(8.0, 40.0);
                Histogram client = RoundTripProbe.connectTimes(new InetSocketAddress(second.clientAddress(), 8001), 20);
                assertThat(client.getValueAtPercentile(50) / 1e6).as("the client network adds nothing").isLessThan(1.0);
            } finally {
                onPeers.destroyForcibly().waitFor();
                onClients.destroyForcibly().waitFor();
            }
        }
    }

    /** Times 20 TCP connects from inside host's namespace, with bash's /dev/tcp and date (nanoseconds). */
    private static Histogram connectTimesFrom(NodeHost host, String address, int port) throws Exception {
        String script = "for i in $(seq 21); do s=$(date +%s%N); exec 3<>/dev/tcp/" + address + "/" + port
                + "; e=$(date +%s%N); exec 3<&-; echo $((e - s)); done";
        Process probe = new ProcessBuilder(host.launch(List.of("bash", "-c", script))).redirectErrorStream(true).start();
        List<String> lines = new String(probe.getInputStream().readAllBytes()).lines().toList();
        assertThat(probe.waitFor()).as(String.join("\n", lines)).isZero();
        Histogram histogram = new Histogram(3);
        lines.stream().skip(1).mapToLong(Long::parseLong).forEach(histogram::recordValue); // the first also resolves
        return histogram;
    }

    @Test
    void aLossyLinkLosesItsShareOfThePacketsAndCountsThem() throws Exception {
        try (NamespaceNetwork network = NamespaceNetwork.create(new NetworkSpec(null, null, null, 10.0, null), 1);
             java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
            PacketCounts before = network.clientPackets().orElseThrow();
            InetSocketAddress node = new InetSocketAddress(network.node(0).clientAddress(), 9);
            PacketCounts sent = PacketCounts.NONE;
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            // Paced, so that the kernel's queues in front of the link keep them all; until 3000 crossed (or were lost).
            while (sent.carried() + sent.lost() < 3_000 && System.nanoTime() < deadline) {
                for (int i = 0; i < 20; i++) {
                    socket.send(new java.net.DatagramPacket(new byte[64], 64, node)); // discarded there, if it arrives
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                sent = network.clientPackets().orElseThrow().since(before);
            }
            long total = sent.carried() + sent.lost();
            assertThat(total).isGreaterThanOrEqualTo(3_000);
            // 10 % of at least 3000 packets: a standard deviation of about 0.55 %, so 9 inside either bound.
            assertThat((double) sent.lost() / total).isBetween(0.05, 0.15);
        }
    }

    @Test
    void theRoundTripIsMeasuredWithTheLossHeldOff() throws Exception {
        try (NamespaceNetwork network = NamespaceNetwork.create(new NetworkSpec("2ms", null, null, 20.0, null), 1)) {
            Process server = listenIn(network.node(0), network.node(0).clientAddress(), 8000);
            try {
                // At 20 % each way most of 50 connects would lose a SYN or SYN-ACK, retried a second later.
                assertThat(network.measure(8000).clientRoundTripMeasuredMs().p99Ms()).isLessThan(500.0);
            } finally {
                server.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void withOnlyNodesApartTheClientLinkCountsNothing() {
        try (NamespaceNetwork network = NamespaceNetwork.create(new NetworkSpec(null, "2ms", null), 2)) {
            assertThat(network.clientPackets()).isEmpty();
        }
    }

    @Test
    void aWireWhoseDeviceVanishesUnderItIsReportedAsFailed() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(kernelHasNetem(), "this kernel has netem: no wire to fail");
        try (NamespaceNetwork network = NamespaceNetwork.create(new NetworkSpec("2ms", null, null), 1)) {
            ip().ip("-n", network.namespaces().getFirst(), "link", "del", "load"); // the wire's end in the hub

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(network.failure())
                    .hasValueSatisfying(why -> assertThat(why).contains("stopped")));
        }
    }

    @Test
    void closingRemovesEveryNamespaceAndLinkItMade() {
        NamespaceNetwork network = NamespaceNetwork.create(new NetworkSpec("2ms", "2ms", null), 2);
        List<String> made = network.namespaces();
        assertThat(NamespaceNetwork.ownedNamespaces(ip())).containsAll(made);

        network.close();

        assertThat(NamespaceNetwork.ownedNamespaces(ip())).doesNotContainAnyElementsOf(made);
        // A veth end in this namespace goes when the kernel has finished removing its peer's namespace.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ip().ip("-o", "link", "show"))
                .doesNotContainPattern(": lb" + network.index() + "[cpw]"));
    }

    @Test
    void whatARunThatDiedLeftIsRemovedByTheNextRun() throws Exception {
        long deadPid = (1L << 22) + 12_345; // above the largest pid_max: no such process
        String leftover = "ledgerbench-" + deadPid + "-99-hub";
        ip().ip("netns", "add", leftover);
        Process stillInside = new ProcessBuilder("ip", "netns", "exec", leftover, "sleep", "600").start();

        NamespaceNetwork.sweepLeftovers(ip());

        assertThat(NamespaceNetwork.ownedNamespaces(ip())).doesNotContain(leftover);
        assertThat(stillInside.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("what ran inside was killed")
                .isTrue();
    }

    /** A JVM that built a network and waits, and the namespaces it says it made. */
    private record Holder(Process process, List<String> namespaces) {
        static Holder start() throws IOException {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), NetworkHolder.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String ready = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
            assertThat(ready).startsWith("ready ");
            return new Holder(process, List.of(ready.substring("ready ".length()).split(" ")));
        }
    }

    @Test
    void aRunEndedAsCtrlCEndsItRemovesItsNamespacesOnItsWayOut() throws Exception {
        Holder holder = Holder.start();
        assertThat(NamespaceNetwork.ownedNamespaces(ip())).containsAll(holder.namespaces());

        holder.process().destroy(); // SIGTERM: the JVM's shutdown runs, as after SIGINT (Ctrl-C)
        holder.process().waitFor();

        assertThat(NamespaceNetwork.ownedNamespaces(ip())).doesNotContainAnyElementsOf(holder.namespaces());
    }

    @Test
    void aRunKilledOutrightLeavesNamespacesThatTheNextRunRemoves() throws Exception {
        Holder holder = Holder.start();
        holder.process().destroyForcibly().waitFor(); // SIGKILL: nothing of it runs any more
        assertThat(NamespaceNetwork.ownedNamespaces(ip())).containsAll(holder.namespaces());

        NamespaceNetwork.create(new NetworkSpec("2ms", null, null), 1).close();

        assertThat(NamespaceNetwork.ownedNamespaces(ip())).doesNotContainAnyElementsOf(holder.namespaces());
    }

    @Test
    void aNodeOutsideTheNetworkIsRefused() {
        try (NamespaceNetwork network = NamespaceNetwork.create(new NetworkSpec("2ms", null, null), 1)) {
            assertThatThrownBy(() -> network.node(1)).hasMessageContaining("nodes 0..0");
        }
    }
}
