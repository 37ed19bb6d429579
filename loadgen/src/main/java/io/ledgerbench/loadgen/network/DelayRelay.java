package io.ledgerbench.loadgen.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on loopback that delays every byte by a one-way delay in each direction, as a longer wire
 * would: what arrives is read at once and written to the other side when its delay has passed, in order.
 * It adds latency, not a bandwidth limit or loss. Each direction of each connection has a reader and a
 * writer thread of its own (platform threads: their parking is accurate to tens of microseconds).
 */
public final class DelayRelay implements AutoCloseable {

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final byte[] END = new byte[0];

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final OneWayDelay delay;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private DelayRelay(ServerSocket listener, InetSocketAddress upstream, OneWayDelay delay) {
        this.listener = listener;
        this.upstream = upstream;
        this.delay = delay;
        this.acceptor = Thread.ofPlatform().daemon().name("delay-relay-" + listener.getLocalPort()).start(this::accept);
    }

    /** Relays a free loopback port to upstream with delay each way. */
    public static DelayRelay start(InetSocketAddress upstream, OneWayDelay delay) {
        try {
            return new DelayRelay(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()), upstream, delay);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a relay to " + upstream + ": " + e.getMessage(), e);
        }
    }

    /** Where to connect to reach upstream through the delay. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Socket server = new Socket();
            try {
                server.connect(upstream, 10_000);
            } catch (IOException e) {
                // The far side refuses. The client's connect to the relay has succeeded already, so it sees the
                // connection closed, not refused (a transfer there counts as in doubt: the relay cannot say better).
                close(client);
                close(server);
                continue;
            }
            sockets.add(client);
            sockets.add(server);
            if (listener.isClosed()) { // close() ran meanwhile and may have missed these two
                close(client);
                close(server);
                return;
            }
            java.util.concurrent.atomic.AtomicInteger directionsOpen = new java.util.concurrent.atomic.AtomicInteger(2);
            Runnable directionEnded = () -> {
                if (directionsOpen.decrementAndGet() == 0) { // both ends said goodbye: the connection is over
                    close(client);
                    close(server);
                    sockets.remove(client);
                    sockets.remove(server);
                }
            };
            pipe(client, server, directionEnded);
            pipe(server, client, directionEnded);
        }
    }

    /** Carries from's bytes to to, each chunk held until its delay has passed; ended runs once it is done. */
    private void pipe(Socket from, Socket to, Runnable ended) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        SplittableRandom random = new SplittableRandom();
        String name = "delay-relay-" + from.getPort() + "-" + to.getPort();
        Thread.ofPlatform().daemon().name(name + "-read").start(() -> {
            long lastDueNanos = 0;
            try {
                from.setTcpNoDelay(true);
                InputStream in = from.getInputStream();
                byte[] buffer = new byte[CHUNK_BYTES];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    // In order, as TCP delivers: a shorter jittered delay never overtakes an earlier chunk.
                    lastDueNanos = Math.max(lastDueNanos, System.nanoTime() + delay.sampleNanos(random));
                    queue.add(new Chunk(Arrays.copyOf(buffer, read), lastDueNanos));
                }
            } catch (IOException e) {
                // the connection ended: pass the end on below
            }
            queue.add(new Chunk(END, Math.max(lastDueNanos, System.nanoTime() + delay.delayNanos())));
        });
        Thread.ofPlatform().daemon().name(name + "-write").start(() -> {
            try {
                to.setTcpNoDelay(true);
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk chunk = queue.take();
                    long wait;
                    while ((wait = chunk.dueNanos() - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (chunk.bytes() == END) {
                        to.shutdownOutput();
                        ended.run();
                        return;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException e) {
                close(from); // the far side went away: so does this side
                close(to);
                sockets.remove(from);
                sockets.remove(to);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private record Chunk(byte[] bytes, long dueNanos) {
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }

    /** Stops accepting and cuts every relayed connection. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
        sockets.forEach(DelayRelay::close);
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
