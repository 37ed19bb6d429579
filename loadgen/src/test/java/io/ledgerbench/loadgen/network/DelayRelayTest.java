package io.ledgerbench.loadgen.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.measure.RoundTripProbe;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DelayRelayTest {

    @Test
    void everyRoundTripThroughTheRelayTakesAtLeastTheDelayBothWays() throws Exception {
        try (RoundTripProbe echo = RoundTripProbe.serve(0);
             DelayRelay relay = DelayRelay.start(new InetSocketAddress("127.0.0.1", echo.port()),
                     OneWayDelay.halfOf(Duration.ofMillis(10), Duration.ZERO))) {
            Histogram roundTrips = RoundTripProbe.measure(relay.address(), 50, Instant.now().plusSeconds(30));
            assertThat(roundTrips.getMinValue()).isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
        }
    }

    @Test
    void jitterNeverTakesADelayBelowDelayMinusJitter() throws Exception {
        try (RoundTripProbe echo = RoundTripProbe.serve(0);
             DelayRelay relay = DelayRelay.start(new InetSocketAddress("127.0.0.1", echo.port()),
                     OneWayDelay.halfOf(Duration.ofMillis(8), Duration.ofMillis(2)))) {
            Histogram roundTrips = RoundTripProbe.measure(relay.address(), 50, Instant.now().plusSeconds(30));
            assertThat(roundTrips.getMinValue()).isGreaterThanOrEqualTo(Duration.ofMillis(4).toNanos());
        }
    }

    @Test
    void jitteredDelaysStayWithinTheirBounds() {
        OneWayDelay delay = new OneWayDelay(5_000_000, 1_000_000);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(delay.sampleNanos(random)).isBetween(4_000_000L, 6_000_000L);
        }
    }

    @Test
    void bytesArriveIntactAndInOrderInBothDirections() throws Exception {
        byte[] payload = new byte[1_000_000];
        new SplittableRandom(7).nextBytes(payload);
        try (ServerSocket server = new ServerSocket(0);
             DelayRelay relay = DelayRelay.start(new InetSocketAddress("127.0.0.1", server.getLocalPort()),
                     new OneWayDelay(1_000_000, 500_000))) {
            Thread echo = Thread.ofPlatform().start(() -> {
                try (Socket socket = server.accept(); InputStream in = socket.getInputStream();
                     OutputStream out = socket.getOutputStream()) {
                    in.transferTo(out); // everything back, until the client's end arrives
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = new Socket()) {
                client.connect(relay.address());
                Thread writer = Thread.ofPlatform().start(() -> {
                    try {
                        client.getOutputStream().write(payload);
                        client.shutdownOutput();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                byte[] back = new byte[payload.length];
                new DataInputStream(client.getInputStream()).readFully(back);
                writer.join();
                assertThat(Arrays.equals(back, payload)).isTrue();
                assertThat(client.getInputStream().read()).as("the server's end comes through").isEqualTo(-1);
            }
            echo.join();
        }
    }

    @Test
    void aRefusedUpstreamClosesTheRelayedConnection() throws Exception {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0)) {
            closedPort = gone.getLocalPort();
        }
        try (DelayRelay relay = DelayRelay.start(new InetSocketAddress("127.0.0.1", closedPort),
                new OneWayDelay(1_000_000, 0));
             Socket client = new Socket()) {
            client.connect(relay.address());
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
    }
}
