package io.ledgerbench.loadgen.network;

import io.ledgerbench.loadgen.spec.NetworkEmulation;
import io.ledgerbench.loadgen.spec.NetworkSpec;
import java.net.InetSocketAddress;

/**
 * The network a local run's database nodes and load generator meet on (spec.network): where each node
 * runs, the route the load generator takes to a server and the one a node takes to another, and the
 * round trips measured across them. Without added delay it is this machine's loopback.
 */
public interface LocalNetwork extends AutoCloseable {

    /**
     * The network of a validated spec for a database of nodes nodes: loopback when nothing is delayed; otherwise
     * network namespaces or relays as spec.network.emulation says (namespaces are built here: the caller has
     * checked the rights with {@link NamespaceNetwork#missingRights()}).
     */
    static LocalNetwork of(NetworkSpec spec, int nodes) {
        if (!shapes(spec) || spec.emulation() == NetworkEmulation.RELAYS) {
            return RelayNetwork.of(spec);
        }
        return NamespaceNetwork.create(spec, nodes);
    }

    /** Whether spec adds any delay or loss (without, a local run is on loopback whatever the emulation). */
    static boolean shapes(NetworkSpec spec) {
        return !spec.clientRoundTripDuration().isZero() || !spec.nodeRoundTripDuration().isZero()
                || spec.lossPercent() > 0;
    }

    /** This machine's loopback as it is. */
    static LocalNetwork loopback() {
        return RelayNetwork.of(NetworkSpec.defaults());
    }

    /** Where node index (0 the primary or first replica) runs and is reached. */
    NodeHost node(int index);

    /** Where the load generator connects to reach server. */
    InetSocketAddress toDatabase(InetSocketAddress server);

    /** Where a database node connects to reach another node's server. */
    InetSocketAddress betweenNodes(InetSocketAddress server);

    /** Whether any delay or loss is added. */
    boolean isShaped();

    /** The packets the load generator's link has carried and lost so far (empty where they are not counted). */
    java.util.Optional<PacketCounts> clientPackets();

    /**
     * Measures the round trip over each delayed link, once the servers are up: serverPort is the port the nodes
     * listen on (a TCP connect to it is one round trip).
     */
    NetworkResult measure(int serverPort) throws InterruptedException;

    /** Why the network stopped carrying part of what it should (empty while it works). */
    default java.util.Optional<String> failure() {
        return java.util.Optional.empty();
    }

    /** Removes all it made. */
    @Override
    void close();
}
