package io.ledgerbench.loadgen.network;

import io.ledgerbench.loadgen.measure.RoundTripProbe;
import io.ledgerbench.loadgen.resources.ProcessTree;
import io.ledgerbench.loadgen.result.LatencySummary;
import io.ledgerbench.loadgen.spec.NetworkSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distance of spec.network made with Linux network namespaces (emulation: namespaces): each database
 * node in a namespace of its own, with two links into a hub namespace that bridges them: one on the
 * client network (where the load generator, in this process's namespace, reaches every node) and one on
 * the node network (replication). The load generator's link carries half the client round trip each way;
 * each node link a quarter of the node round trip each way, so node to node is half each way. A delayed
 * link is a veth pair with tc netem on both ends, or, where the kernel has no netem, two TAP devices
 * joined by this process's {@link TapWire}. Every namespace is named after this process: closing, the
 * JVM's shutdown (Ctrl-C) and the next run's sweep of dead owners remove them with whatever runs inside.
 */
public final class NamespaceNetwork implements LocalNetwork {

    /** Every namespace of a run is named ledgerbench-PID-INDEX-ROLE. */
    static final Pattern OWNED = Pattern.compile("^ledgerbench-(\\d+)-(\\d+)-[a-z0-9]+$");
    private static final int MAX_NETWORKS = 120;
    private static final int PROBE_SAMPLES = 50;
    private static final int LOAD_GENERATOR_HOST = 254;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;
    private static final Pattern NETEM_COUNTS = Pattern.compile("Sent \\d+ bytes (\\d+) pkt \\(dropped (\\d+)");

    private final Iproute2 ip;
    private final NetworkSpec spec;
    private final int index;
    private final int nodeCount;
    private final OneWayDelay clientDelay;
    private final OneWayDelay nodeLinkDelay;
    private final List<String> namespaces = new ArrayList<>();
    private final List<TapWire> wires = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean netem;
    private boolean closed;
    /** The load generator's link, once built, when it delays or loses (null: a plain veth, nothing counted). */
    private ShapedLink clientLink;

    private NamespaceNetwork(Iproute2 ip, NetworkSpec spec, int index, int nodeCount) {
        this.ip = ip;
        this.spec = spec;
        this.index = index;
        this.nodeCount = nodeCount;
        this.clientDelay = OneWayDelay.halfOf(spec.clientRoundTripDuration(), spec.jitterDuration());
        // Node to node crosses two node links: a quarter of the round trip each, and half the jitter.
        this.nodeLinkDelay = OneWayDelay.partOf(spec.nodeRoundTripDuration(), 4, spec.jitterDuration());
        this.shutdownHook = Thread.ofPlatform().unstarted(this::removeEverything);
    }

    /**
     * What this process lacks to build namespaces (empty when it can): iproute2, root's capabilities to create
     * namespaces and links, and the TAP driver a kernel without netem needs.
     */
    public static Optional<String> missingRights() {
        return missingRights(Iproute2.find().isPresent(), effectiveCapabilities(), Files.exists(Path.of("/dev/net/tun")))
                .or(NamespaceNetwork::missingUserNamespaces);
    }

    /** PostgreSQL refuses to run as root: a node's postmaster runs in a user namespace of its own. */
    private static Optional<String> missingUserNamespaces() {
        try {
            return Files.readString(Path.of("/proc/sys/user/max_user_namespaces")).strip().equals("0")
                    ? Optional.of("needs user namespaces (user.max_user_namespaces is 0): a PostgreSQL node runs as"
                    + " an unprivileged user in one, since PostgreSQL refuses root")
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no such setting: user namespaces are not limited
        }
    }

    /** What is missing, given whether iproute2 is installed, the effective capability bits and whether the TAP driver is. */
    static Optional<String> missingRights(boolean iproute2, long capabilities, boolean tapDriver) {
        if (!iproute2) {
            return Optional.of("needs iproute2's ip and tc (Debian package iproute2)");
        }
        if ((capabilities & (1L << CAP_SYS_ADMIN)) == 0 || (capabilities & (1L << CAP_NET_ADMIN)) == 0) {
            return Optional.of("needs root (CAP_SYS_ADMIN to create network namespaces, CAP_NET_ADMIN for their links"
                    + " and delays), which this process does not have");
        }
        if (!tapDriver) {
            return Optional.of("needs /dev/net/tun (the kernel's TAP driver) for links where the kernel has no netem");
        }
        return Optional.empty();
    }

    private static long effectiveCapabilities() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("CapEff:"))
                    .map(line -> Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16))
                    .findFirst().orElse(0L);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Builds the network for nodeCount nodes (removing first what dead runs left); the caller checked the rights. */
    static NamespaceNetwork create(NetworkSpec spec, int nodeCount) {
        Iproute2 ip = Iproute2.find().orElseThrow(() -> new IllegalStateException("iproute2 is not installed"));
        sweepLeftovers(ip);
        NamespaceNetwork network = new NamespaceNetwork(ip, spec, freeIndex(ip), nodeCount);
        Runtime.getRuntime().addShutdownHook(network.shutdownHook);
        try {
            network.build();
        } catch (RuntimeException e) {
            network.close();
            throw new IllegalStateException("cannot build the run's network namespaces: " + e.getMessage(), e);
        }
        return network;
    }

    /** Removes every namespace whose owning process has ended (a run killed before it could clean up). */
    static void sweepLeftovers(Iproute2 ip) {
        for (String namespace : ownedNamespaces(ip)) {
            Matcher owned = OWNED.matcher(namespace);
            if (owned.matches() && ProcessHandle.of(Long.parseLong(owned.group(1))).filter(ProcessHandle::isAlive)
                    .isEmpty()) {
                remove(ip, namespace);
            }
        }
    }

    /** The namespaces ledgerbench made that exist now (any run's; none without iproute2). */
    public static List<String> existing() {
        return Iproute2.find().map(NamespaceNetwork::ownedNamespaces).orElse(List.of());
    }

    /** The namespaces this program made that exist now. */
    static List<String> ownedNamespaces(Iproute2 ip) {
        // "name (id: 3)" or "name"
        return ip.ip("netns", "list").lines().map(line -> line.split(" ")[0])
                .filter(name -> OWNED.matcher(name).matches()).toList();
    }

    private static int freeIndex(Iproute2 ip) {
        Set<Integer> used = new TreeSet<>();
        for (String namespace : ownedNamespaces(ip)) {
            Matcher owned = OWNED.matcher(namespace);
            if (owned.matches()) {
                used.add(Integer.parseInt(owned.group(2)));
            }
        }
        String addresses = ip.ip("-4", "-o", "addr", "show");
        String links = ip.ip("-o", "link", "show");
        for (int candidate = 1; candidate <= MAX_NETWORKS; candidate++) {
            if (!used.contains(candidate) && !addresses.contains(" " + subnet(candidate, 0) + ".")
                    && !addresses.contains(" " + subnet(candidate, 1) + ".") && !links.contains(" lb" + candidate + "c")) {
                return candidate;
            }
        }
        throw new IllegalStateException("all " + MAX_NETWORKS + " network slots of ledgerbench are in use on this machine");
    }

    /** 10.213.x: the client network (which 0) or the node network (which 1) of network index. */
    private static String subnet(int index, int which) {
        return "10.213." + (2 * index + which);
    }

    private String namespace(String role) {
        return "ledgerbench-" + ProcessHandle.current().pid() + "-" + index + "-" + role;
    }

    private String hub() {
        return namespace("hub");
    }

    /** Builds under the monitor: a shutdown (Ctrl-C) meanwhile waits, then removes all that was built. */
    private synchronized void build() {
        String hub = addNamespace("hub");
        netem = kernelHasNetem(hub);
        addBridge(hub, "clients");
        if (nodeCount > 1) {
            addBridge(hub, "peers");
        }
        for (int node = 0; node < nodeCount; node++) {
            String namespace = addNamespace("node" + node);
            link(namespace, "client", "c" + node, "clients", new OneWayDelay(0, 0), 0);
            address(namespace, "client", subnet(index, 0) + "." + (node + 1));
            if (nodeCount > 1) {
                link(namespace, "peers", "p" + node, "peers", nodeLinkDelay, 0);
                address(namespace, "peers", subnet(index, 1) + "." + (node + 1));
            }
        }
        clientLink = link(null, "lb" + index + "c", "load", "clients", clientDelay, spec.lossFraction());
        address(null, "lb" + index + "c", subnet(index, 0) + "." + LOAD_GENERATOR_HOST);
        if (nodeCount > 1 && !nodeLinkDelay.isZero()) {
            // A probe's link into the node network, delayed as a node's: across it the round trip to a node is the
            // round trip between two nodes.
            link(null, "lb" + index + "p", "probe", "peers", nodeLinkDelay, 0);
            address(null, "lb" + index + "p", subnet(index, 1) + "." + LOAD_GENERATOR_HOST);
        }
        wires.forEach(TapWire::start);
    }

    private String addNamespace(String role) {
        if (closed) {
            throw new IllegalStateException("the network was closed while it was being built");
        }
        String name = namespace(role);
        ip.ip("netns", "add", name);
        namespaces.add(name);
        ip.ip("-n", name, "link", "set", "lo", "up");
        return name;
    }

    private boolean kernelHasNetem(String namespace) {
        try {
            ip.tc(namespace, "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1us");
            ip.tc(namespace, "qdisc", "del", "dev", "lo", "root");
            return true;
        } catch (Iproute2.CommandFailedException e) {
            return false; // "Specified qdisc kind is unknown": no sch_netem in this kernel
        }
    }

    private void addBridge(String namespace, String bridge) {
        ip.ip("-n", namespace, "link", "add", "name", bridge, "type", "bridge");
        ip.ip("-n", namespace, "link", "set", bridge, "up");
    }

    /** A link that delays or loses: its packets counted, its loss changed in place. */
    private interface ShapedLink {
        PacketCounts counts();

        void loss(double fraction);
    }

    /**
     * A link from device nearEnd in namespace (null: this process's) to port hubEnd of the hub's bridge, delayed
     * by delay and losing lossFraction of the packets each way; returns it when it is shaped (null: a plain veth).
     */
    private ShapedLink link(String namespace, String nearEnd, String hubEnd, String bridge, OneWayDelay delay,
                            double lossFraction) {
        String hub = hub();
        ShapedLink shapedLink = null;
        boolean shaped = !delay.isZero() || lossFraction > 0;
        if (!shaped || netem) {
            ip.ip("-n", hub, "link", "add", "name", hubEnd, "type", "veth", "peer", "name", nearEnd, "netns",
                    namespace == null ? Long.toString(ProcessHandle.current().pid()) : namespace);
            if (shaped) {
                // One TCP segment per packet, as on a wire: netem delays, loses and counts whole packets, and a
                // GSO bundle of up to 64 KB would be one of them.
                ip.ip("-n", hub, "link", "set", hubEnd, "gso_max_segs", "1");
                ip.ip(inNamespace(namespace, "link", "set", nearEnd, "gso_max_segs", "1"));
                netem("replace", hub, hubEnd, delay, lossFraction);
                netem("replace", namespace, nearEnd, delay, lossFraction);
                shapedLink = new ShapedLink() {
                    @Override
                    public PacketCounts counts() {
                        return netemCounts(hub, hubEnd).plus(netemCounts(namespace, nearEnd));
                    }

                    @Override
                    public void loss(double fraction) {
                        netem("change", hub, hubEnd, delay, fraction); // in place: its counters go on
                        netem("change", namespace, nearEnd, delay, fraction);
                    }
                };
            }
        } else {
            String tapNear = "lb" + index + "w" + wires.size() + "n";
            String tapHub = "lb" + index + "w" + wires.size() + "h";
            TapWire wire = TapWire.open(tapNear, tapHub, delay, lossFraction);
            wires.add(wire);
            if (namespace != null) {
                ip.ip("link", "set", tapNear, "netns", namespace);
            }
            ip.ip(inNamespace(namespace, "link", "set", tapNear, "name", nearEnd));
            ip.ip("link", "set", tapHub, "netns", hub);
            ip.ip("-n", hub, "link", "set", tapHub, "name", hubEnd);
            shapedLink = new ShapedLink() {
                @Override
                public PacketCounts counts() {
                    return wire.counts();
                }

                @Override
                public void loss(double fraction) {
                    wire.loss(fraction);
                }
            };
        }
        ip.ip("-n", hub, "link", "set", hubEnd, "master", bridge, "up");
        ip.ip(inNamespace(namespace, "link", "set", nearEnd, "up"));
        return shapedLink;
    }

    /** tc qdisc replace (or change) ... netem on device: delay, jitter, loss. */
    private void netem(String verb, String namespace, String device, OneWayDelay delay, double lossFraction) {
        List<String> arguments = new ArrayList<>(List.of("qdisc", verb, "dev", device, "root", "netem",
                "limit", "100000", "delay", micros(delay.delayNanos())));
        if (delay.jitterNanos() > 0) {
            arguments.add(micros(delay.jitterNanos()));
        }
        if (lossFraction > 0) {
            arguments.addAll(List.of("loss", String.format(java.util.Locale.ROOT, "%.4f%%", lossFraction * 100)));
        }
        ip.tc(namespace, arguments.toArray(String[]::new));
    }

    /** What a device's qdisc sent and dropped ("Sent B bytes P pkt (dropped D, ..."); none without a netem. */
    private PacketCounts netemCounts(String namespace, String device) {
        java.util.regex.Matcher sent = NETEM_COUNTS.matcher(ip.tc(namespace, "-s", "qdisc", "show", "dev", device));
        return sent.find() ? new PacketCounts(Long.parseLong(sent.group(1)), Long.parseLong(sent.group(2)))
                : PacketCounts.NONE;
    }

    private static String micros(long nanos) {
        return (nanos / 1_000) + "us";
    }

    private void address(String namespace, String device, String address) {
        ip.ip(inNamespace(namespace, "addr", "add", address + "/24", "dev", device));
    }

    private static String[] inNamespace(String namespace, String... arguments) {
        List<String> all = new ArrayList<>();
        if (namespace != null) {
            all.addAll(List.of("-n", namespace));
        }
        all.addAll(List.of(arguments));
        return all.toArray(String[]::new);
    }

    @Override
    public NodeHost node(int node) {
        if (node < 0 || node >= nodeCount) {
            throw new IllegalArgumentException("this network has nodes 0.." + (nodeCount - 1) + " (asked for " + node + ")");
        }
        String client = subnet(index, 0) + "." + (node + 1);
        String peer = nodeCount > 1 ? subnet(index, 1) + "." + (node + 1) : client;
        return new NodeHost(Optional.of(namespace("node" + node)),
                ip.inNamespace(namespace("node" + node), List.of()), client, peer,
                List.of(subnet(index, 0) + ".0/24", subnet(index, 1) + ".0/24"));
    }

    /** The server is reached at its own address: the links are the distance. */
    @Override
    public InetSocketAddress toDatabase(InetSocketAddress server) {
        return server;
    }

    @Override
    public InetSocketAddress betweenNodes(InetSocketAddress server) {
        return server;
    }

    @Override
    public boolean isShaped() {
        return LocalNetwork.shapes(spec);
    }

    /** Why a link of this network stopped carrying while it should have (empty while all carry). */
    @Override
    public synchronized Optional<String> failure() {
        return closed ? Optional.empty() : wires.stream().map(TapWire::failure).flatMap(Optional::stream).findFirst();
    }

    @Override
    public synchronized Optional<PacketCounts> clientPackets() {
        return closed || clientLink == null ? Optional.empty() : Optional.of(clientLink.counts());
    }

    /** How this network delays, as results record it. */
    public String emulation() {
        String links = netem
                ? "delayed links are veth pairs with tc netem on both ends (netem's jitter may reorder packets)"
                : "delayed links are TAP device pairs joined by the load generator's user-space wire, in order per connection (this"
                + " kernel has no netem)";
        return "network namespaces of the local runner: each node in its own, bridged in a hub namespace on a client"
                + " network and a node network; " + links + "; the load generator's link carries half the client round"
                + " trip each way" + (spec.lossPercent() > 0 ? String.format(java.util.Locale.ROOT, " and loses %.2f %% of"
                + " its packets each way", spec.lossPercent()) : "") + ", each node link a quarter of the node round trip;"
                + " no bandwidth limit";
    }

    /** Whether delayed links use the kernel's netem (false: the user-space wire). */
    public boolean usesNetem() {
        return netem;
    }

    /**
     * TCP connects from the load generator: to node 0 on the client network (the client round trip, the loss held
     * off meanwhile), and to node 1 on the node network over a link delayed as a node's (the round trip between two
     * nodes).
     */
    @Override
    public NetworkResult measure(int serverPort) throws InterruptedException {
        // A lost SYN is retried a second later: the round trip is measured with the loss held off.
        boolean lossy = clientLink != null && spec.lossFraction() > 0;
        if (lossy) {
            clientLink.loss(0);
        }
        LatencySummary client;
        try {
            client = clientDelay.isZero() ? null : connectTimes(new InetSocketAddress(node(0).clientAddress(), serverPort));
        } finally {
            if (lossy) {
                clientLink.loss(spec.lossFraction());
            }
        }
        LatencySummary nodes = nodeLinkDelay.isZero() || nodeCount < 2 ? null
                : connectTimes(new InetSocketAddress(node(1).peerAddress(), serverPort));
        return new NetworkResult(emulation(), millis(spec.clientRoundTripDuration()), client,
                millis(spec.nodeRoundTripDuration()), nodes, millis(spec.jitterDuration()), spec.lossPercent(), null, null);
    }

    private static LatencySummary connectTimes(InetSocketAddress server) throws InterruptedException {
        RoundTripProbe.connectTimes(server, 1); // the first crossing also resolves addresses (ARP): not counted
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return LatencySummary.of(RoundTripProbe.connectTimes(server, PROBE_SAMPLES));
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    /** Its slot among the networks on this machine: its addresses (10.213.2i and 2i+1) and this process's links (lbi...). */
    int index() {
        return index;
    }

    /** The namespaces this network made (for tests and diagnostics). */
    List<String> namespaces() {
        synchronized (this) {
            return List.copyOf(namespaces);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) removeEverything
        }
        removeEverything();
    }

    /** Stops the wires, then removes every namespace with whatever still runs in it. */
    private synchronized void removeEverything() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = Thread.interrupted(); // removed whole, then the interrupt is the caller's again
        try {
            removeAll();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeAll() {
        List<String> reversed = new ArrayList<>(namespaces);
        java.util.Collections.reverse(reversed);
        RuntimeException failure = null;
        for (String namespace : reversed) {
            try {
                remove(ip, namespace);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        wires.forEach(TapWire::close);
        if (failure != null) {
            throw failure;
        }
    }

    /** Kills what runs in namespace (SIGKILL; waits until it is gone), then deletes it. */
    private static void remove(Iproute2 ip, String namespace) {
        List<ProcessHandle> inside = ip.ip("netns", "pids", namespace).lines().map(String::strip)
                .filter(line -> line.matches("\\d+")).map(Long::parseLong).map(ProcessHandle::of)
                .flatMap(Optional::stream).toList();
        inside.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while (!inside.stream().allMatch(ProcessTree::hasEnded) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // a non-child's exit is only seen by looking
        }
        ip.ip("netns", "del", namespace);
    }
}
