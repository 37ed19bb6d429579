package io.ledgerbench.loadgen.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class RoundTripProbeTest {

    @Test
    void everyTimedConnectIsOneSample() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 100)) {
            assertThat(RoundTripProbe.connectTimes(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 20)
                    .getTotalCount()).isEqualTo(20);
        }
    }

    @Test
    void aServerThatIsNotThereIsNamed() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0)) {
            port = gone.getLocalPort();
        }
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        assertThatThrownBy(() -> RoundTripProbe.connectTimes(address, 1)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot connect to").hasMessageContaining(Integer.toString(port));
    }
}
