package io.ledgerbench.loadgen.measure;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;

/**
 * Measures network round trips between nodes the way replication feels them: one byte sent over
 * an established TCP connection and echoed back, timed with a monotonic clock. Every probe serves
 * an echo for the others while it measures them.
 */
public final class RoundTripProbe implements AutoCloseable {

    /** The port probes echo on unless told otherwise. */
    public static final int DEFAULT_PORT = 7000;


    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();

    private RoundTripProbe(ServerSocket server) {
        this.server = server;
        connections.submit(this::acceptLoop);
    }

    /** Starts echoing on port (0: any free port). */
    public static RoundTripProbe serve(int port) throws IOException {
        return new RoundTripProbe(new ServerSocket(port));
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> echo(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            int value;
            while ((value = in.read()) >= 0) {
                out.write(value);
                out.flush();
            }
        } catch (IOException e) {
            // the peer went away: nothing to echo
        }
    }

    /**
     * samples round trips to peer after connecting (retried until deadline: the peer may not be up
     * yet); the first few are warmup and not recorded.
     */
    public static Histogram measure(InetSocketAddress peer, int samples, Instant deadline)
            throws InterruptedException {
        Socket socket = connect(peer, deadline);
        try (socket; OutputStream out = socket.getOutputStream();
             DataInputStream in = new DataInputStream(socket.getInputStream())) {
            socket.setTcpNoDelay(true);
            Histogram histogram = LatencyHistograms.newHistogram();
            int warmup = Math.min(10, samples);
            for (int i = 0; i < warmup + samples; i++) {
                long start = System.nanoTime();
                out.write(i & 0x7f);
                out.flush();
                in.readByte();
                if (i >= warmup) {
                    histogram.recordValue(LatencyHistograms.clamp(System.nanoTime() - start));
                }
            }
            return histogram;
        } catch (IOException e) {
            throw new UncheckedIOException("round trips to " + peer + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * samples TCP connects to server, each timed from connect() to established and closed at once: a connect
     * is one network round trip (SYN, SYN-ACK) and nothing of the server's own work, so it measures the
     * distance to any server, whatever it speaks.
     */
    public static Histogram connectTimes(InetSocketAddress server, int samples) {
        Histogram histogram = LatencyHistograms.newHistogram();
        InetSocketAddress resolved = new InetSocketAddress(server.getHostString(), server.getPort());
        for (int i = 0; i < samples; i++) {
            try (Socket socket = new Socket()) {
                long start = System.nanoTime();
                socket.connect(resolved, 5_000);
                histogram.recordValue(LatencyHistograms.clamp(System.nanoTime() - start));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to " + server + " to measure the round trip: "
                        + e.getMessage(), e);
            }
        }
        return histogram;
    }

    private static Socket connect(InetSocketAddress peer, Instant deadline) throws InterruptedException {
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            InetSocketAddress resolved = new InetSocketAddress(peer.getHostString(), peer.getPort());
            try {
                Socket socket = new Socket();
                socket.connect(resolved, 5_000);
                return socket;
            } catch (IOException e) {
                last = e;
                Thread.sleep(Duration.ofMillis(500)); // the peer's pod or DNS name may not be there yet
            }
        }
        throw new UncheckedIOException(new ConnectException("could not reach network probe " + peer.getHostString()
                + ":" + peer.getPort() + " before the deadline" + (last == null ? "" : ": " + last.getMessage())));
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
