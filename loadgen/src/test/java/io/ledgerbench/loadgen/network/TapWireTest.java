package io.ledgerbench.loadgen.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the user-space wire tells flows apart: frames of one connection keep their order, others need not. */
class TapWireTest {

    /** An Ethernet frame carrying IPv4 protocol from source to destination (last octets), with ports. */
    private static byte[] frame(int protocol, int source, int destination, int sourcePort, int destinationPort) {
        byte[] frame = new byte[14 + 20 + 20];
        frame[12] = 0x08; // IPv4
        frame[14] = 0x45; // version 4, 20-byte header
        frame[14 + 9] = (byte) protocol;
        frame[14 + 15] = (byte) source;
        frame[14 + 19] = (byte) destination;
        frame[34] = (byte) (sourcePort >> 8);
        frame[35] = (byte) sourcePort;
        frame[36] = (byte) (destinationPort >> 8);
        frame[37] = (byte) destinationPort;
        return frame;
    }

    @Test
    void framesOfOneConnectionAreOneFlow() {
        assertThat(TapWire.flowOf(frame(6, 1, 2, 40000, 5432), 54))
                .isEqualTo(TapWire.flowOf(frame(6, 1, 2, 40000, 5432), 54));
    }

    @Test
    void connectionsThatDifferOnlyInAPortAreDifferentFlows() {
        assertThat(TapWire.flowOf(frame(6, 1, 2, 40000, 5432), 54))
                .isNotEqualTo(TapWire.flowOf(frame(6, 1, 2, 40001, 5432), 54));
    }

    @Test
    void theTwoDirectionsOfAConnectionAreDifferentFlows() {
        assertThat(TapWire.flowOf(frame(6, 1, 2, 40000, 5432), 54))
                .isNotEqualTo(TapWire.flowOf(frame(6, 2, 1, 5432, 40000), 54));
    }

    @Test
    void framesThatAreNotIpv4ShareFlowZero() {
        byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertThat(TapWire.flowOf(arp, 42)).isZero();
        assertThat(TapWire.flowOf(new byte[10], 10)).isZero();
    }
}
