package io.ledgerbench.loadgen.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a local database node runs: in a network namespace of its own (launched through a command prefix)
 * or in this machine's network, the address the load generator reaches it at, the address other nodes
 * reach it at, and the networks its clients and peers come from (what its server must trust).
 */
public record NodeHost(Optional<String> namespace, List<String> launchPrefix, String clientAddress,
                       String peerAddress, List<String> clientNetworks) {

    public NodeHost {
        launchPrefix = List.copyOf(launchPrefix);
        clientNetworks = List.copyOf(clientNetworks);
    }

    /** A node in this machine's own network at address. */
    public static NodeHost thisMachine(String address) {
        return new NodeHost(Optional.empty(), List.of(), address, address, List.of());
    }

    /** Whether the node has a namespace of its own. */
    public boolean isNamespaced() {
        return namespace.isPresent();
    }

    /** command as it runs on this host (inside its namespace, when it has one). */
    public List<String> launch(List<String> command) {
        List<String> launched = new ArrayList<>(launchPrefix);
        launched.addAll(command);
        return launched;
    }
}
