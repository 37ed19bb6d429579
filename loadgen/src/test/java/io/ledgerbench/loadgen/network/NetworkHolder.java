package io.ledgerbench.loadgen.network;

import io.ledgerbench.loadgen.spec.NetworkSpec;

/** A process that builds a run's network, says so, and waits to be ended: what a run stopped by Ctrl-C leaves. */
final class NetworkHolder {

    private NetworkHolder() {
    }

    public static void main(String[] arguments) throws Exception {
        NamespaceNetwork network = NamespaceNetwork.create(new NetworkSpec("2ms", "2ms", null), 2);
        System.out.println("ready " + String.join(" ", network.namespaces()));
        System.out.flush();
        System.in.read(); // until the test ends this process
    }
}
