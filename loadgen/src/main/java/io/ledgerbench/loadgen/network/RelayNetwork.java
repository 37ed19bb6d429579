package io.ledgerbench.loadgen.network;

import io.ledgerbench.loadgen.measure.RoundTripProbe;
import io.ledgerbench.loadgen.result.LatencySummary;
import io.ledgerbench.loadgen.spec.NetworkSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The distance a local run adds with spec.network.emulation: relays: a delay relay in front of each
 * database server for the load generator's connections, and one in front of each node for the other
 * nodes' connections (replication). Every relay of a link delays alike. Without a delay a route is the
 * server itself, and every node is on this machine's loopback.
 */
final class RelayNetwork implements LocalNetwork {

    /** How the local runner makes distance, as results record it. */
    public static final String EMULATION = "delay relays of the local runner (TCP on loopback: half the round trip"
            + " and the jitter each way, in order; latency only, no loss or bandwidth limit)";
    static final int PROBE_SAMPLES = 200;
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(30);

    private final NetworkSpec spec;
    private final OneWayDelay client;
    private final OneWayDelay nodes;
    private final List<DelayRelay> relays = new ArrayList<>();

    private static final NodeHost LOOPBACK = NodeHost.thisMachine("127.0.0.1");

    private RelayNetwork(NetworkSpec spec) {
        this.spec = spec;
        this.client = OneWayDelay.halfOf(spec.clientRoundTripDuration(), spec.jitterDuration());
        this.nodes = OneWayDelay.halfOf(spec.nodeRoundTripDuration(), spec.jitterDuration());
    }

    /** The network of a validated spec; nothing is started until a route is asked for. */
    static RelayNetwork of(NetworkSpec spec) {
        return new RelayNetwork(spec);
    }

    @Override
    public NodeHost node(int index) {
        return LOOPBACK;
    }

    @Override
    public synchronized InetSocketAddress toDatabase(InetSocketAddress server) {
        return route(server, client);
    }

    @Override
    public synchronized InetSocketAddress betweenNodes(InetSocketAddress server) {
        return route(server, nodes);
    }

    private InetSocketAddress route(InetSocketAddress server, OneWayDelay delay) {
        if (delay.isZero()) {
            return server;
        }
        DelayRelay relay = DelayRelay.start(server, delay);
        relays.add(relay);
        return relay.address();
    }

    /** Relays carry bytes, not packets: nothing to count. */
    @Override
    public java.util.Optional<PacketCounts> clientPackets() {
        return java.util.Optional.empty();
    }

    @Override
    public boolean isShaped() {
        return !client.isZero() || !nodes.isZero();
    }

    /**
     * Measures the round trip over each delayed link: an echo behind a relay of the link, sampled over one
     * TCP connection (the relays a database's connections use delay alike).
     */
    @Override
    public NetworkResult measure(int serverPort) throws InterruptedException {
        return new NetworkResult(EMULATION, millis(spec.clientRoundTripDuration()), measure(client),
                millis(spec.nodeRoundTripDuration()), measure(nodes), millis(spec.jitterDuration()));
    }

    private LatencySummary measure(OneWayDelay delay) throws InterruptedException {
        if (delay.isZero()) {
            return null;
        }
        try (RoundTripProbe echo = RoundTripProbe.serve(0);
             DelayRelay relay = DelayRelay.start(new InetSocketAddress("127.0.0.1", echo.port()), delay)) {
            return LatencySummary.of(RoundTripProbe.measure(relay.address(), PROBE_SAMPLES,
                    Instant.now().plus(PROBE_DEADLINE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the added round trip: " + e.getMessage(), e);
        }
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }

    @Override
    public synchronized void close() {
        relays.forEach(DelayRelay::close);
        relays.clear();
    }
}
