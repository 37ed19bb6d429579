package io.ledgerbench.loadgen.network;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A cable between two TAP devices that holds every Ethernet frame for a one-way delay in each direction,
 * for kernels without netem: the devices are ordinary interfaces (moved into namespaces, bridged) and this
 * process carries what one sends to the other once its delay has passed. Frames of one flow (an IPv4
 * connection: addresses, protocol and ports) stay in order, as TCP needs; with jitter, frames of different
 * flows may pass each other, so that one connection's delays never add to another's. Each frame may be lost
 * with a given probability (counted); no bandwidth limit. Each direction has a reader and a writer thread of its own (platform threads: their
 * parking is accurate to tens of microseconds).
 */
final class TapWire implements AutoCloseable {

    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TAP = 0x0002;
    private static final short IFF_NO_PI = 0x1000;
    private static final int IFREQ_BYTES = 40;
    private static final int FRAME_BYTES = 65_536;
    /** How often an idle reader looks whether the wire was closed. */
    private static final int POLL_MILLIS = 100;
    /** Reads refused while a device moves between namespaces (EFAULT) before the wire gives up on it. */
    private static final int MOVE_REFUSALS_TOLERATED = 1_000;
    private static final byte[] END = new byte[0];
    /** Flows whose last frame is remembered before those already delivered are forgotten. */
    private static final int FLOWS_REMEMBERED = 4_096;

    private final String nameA;
    private final String nameB;
    private final int fdA;
    private final int fdB;
    private final OneWayDelay delay;
    private volatile double lossFraction;
    /** Why the wire stopped carrying before it was closed (null while it carries). */
    private volatile String failure;
    private final java.util.concurrent.atomic.AtomicLong carried = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong lost = new java.util.concurrent.atomic.AtomicLong();
    private final List<Thread> readers = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    private TapWire(String nameA, int fdA, String nameB, int fdB, OneWayDelay delay, double lossFraction) {
        this.nameA = nameA;
        this.fdA = fdA;
        this.nameB = nameB;
        this.fdB = fdB;
        this.delay = delay;
        this.lossFraction = lossFraction;
    }

    /**
     * Creates two TAP devices in this process's network namespace (names of at most 15 characters, free there);
     * they vanish when the wire closes. Each frame is lost with probability lossFraction (0 to 1). Nothing is
     * carried until {@link #start()}.
     */
    static TapWire open(String nameA, String nameB, OneWayDelay delay, double lossFraction) {
        if (!(lossFraction >= 0 && lossFraction < 1)) {
            throw new IllegalArgumentException("a loss is a probability below 1 (got " + lossFraction + ")");
        }
        int fdA = openTap(nameA);
        try {
            return new TapWire(nameA, fdA, nameB, openTap(nameB), delay, lossFraction);
        } catch (RuntimeException e) {
            Libc.close(fdA);
            throw e;
        }
    }

    private static int openTap(String name) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        if (nameBytes.length > 15) {
            throw new IllegalArgumentException("an interface name has at most 15 characters (got " + name + ")");
        }
        int fd;
        try {
            fd = Libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot open /dev/net/tun (errno " + e.getErrorCode() + "): a TAP device"
                    + " needs the tun driver and CAP_NET_ADMIN", e);
        }
        ByteBuffer request = ByteBuffer.allocate(IFREQ_BYTES).order(ByteOrder.nativeOrder());
        request.put(nameBytes).position(16);
        request.putShort((short) (IFF_TAP | IFF_NO_PI));
        try {
            Libc.ioctl(fd, TUNSETIFF, request.array());
        } catch (LastErrorException e) {
            Libc.close(fd);
            throw new IllegalStateException("cannot create TAP device " + name + " (errno " + e.getErrorCode() + ")", e);
        }
        return fd;
    }

    /** From now on each frame is lost with probability fraction (0 to 1). */
    void loss(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("a loss is a probability below 1 (got " + fraction + ")");
        }
        lossFraction = fraction;
    }

    /** Why the wire stopped carrying while it should have (empty while it carries, and after a close). */
    java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** The frames carried and lost so far, both directions together. */
    PacketCounts counts() {
        return new PacketCounts(carried.get(), lost.get());
    }

    /** Starts carrying frames both ways (call once both devices are where they belong, and up). */
    synchronized void start() {
        carry(fdA, fdB, nameA + "-to-" + nameB);
        carry(fdB, fdA, nameB + "-to-" + nameA);
    }

    private void carry(int from, int to, String name) {
        DelayQueue<Frame> queue = new DelayQueue<>();
        readers.add(Thread.ofPlatform().daemon().name("tap-wire-" + name + "-read").start(() -> read(from, queue)));
        writers.add(Thread.ofPlatform().daemon().name("tap-wire-" + name + "-write").start(() -> write(queue, to)));
    }

    /**
     * Lets this thread's timed waits end when asked: the kernel otherwise lets a sleeping thread oversleep by up
     * to 50 microseconds (timer slack) to batch wakeups, on every frame of every crossing.
     */
    private static void preciseWakeups() {
        try {
            Libc.prctl(Libc.PR_SET_TIMERSLACK, 1, 0, 0, 0);
        } catch (LastErrorException e) {
            // the default slack: the measured round trip shows what it costs
        }
    }

    private void read(int fd, DelayQueue<Frame> queue) {
        preciseWakeups();
        SplittableRandom random = new SplittableRandom();
        byte[] buffer = new byte[FRAME_BYTES];
        byte[] pollFd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(fd).putShort(Libc.POLLIN)
                .putShort((short) 0).array();
        Map<Long, Long> lastDueByFlow = new HashMap<>();
        long sequence = 0;
        int refusals = 0;
        try {
            while (!closed) {
                try {
                    if (Libc.poll(pollFd, 1, POLL_MILLIS) == 0) {
                        continue;
                    }
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == Libc.EINTR) {
                        continue; // a signal arrived: look again
                    }
                    throw e;
                }
                long read;
                try {
                    read = Libc.read(fd, buffer, buffer.length);
                } catch (LastErrorException e) {
                    // A device moving into its namespace refuses reads for a moment; a wire that is closing, for good.
                    if (e.getErrorCode() == Libc.EAGAIN || e.getErrorCode() == Libc.EINTR
                            || (e.getErrorCode() == Libc.EFAULT && ++refusals < MOVE_REFUSALS_TOLERATED)) {
                        continue;
                    }
                    throw e;
                }
                refusals = 0;
                double loss = lossFraction;
                if (loss > 0 && random.nextDouble() < loss) {
                    lost.incrementAndGet();
                    continue;
                }
                carried.incrementAndGet();
                // In order within a flow: a shorter jittered delay never overtakes the flow's earlier frame.
                long now = System.nanoTime();
                long flow = flowOf(buffer, (int) read);
                long dueNanos = Math.max(lastDueByFlow.getOrDefault(flow, 0L), now + delay.sampleNanos(random));
                lastDueByFlow.put(flow, dueNanos);
                if (lastDueByFlow.size() > FLOWS_REMEMBERED) {
                    lastDueByFlow.values().removeIf(due -> due < now); // past: no order left to keep
                }
                queue.add(new Frame(java.util.Arrays.copyOf(buffer, (int) read), dueNanos, sequence++));
            }
        } catch (LastErrorException e) {
            // The device is gone: its namespace was deleted as the network closes, or something failed under the run.
            if (!closed) {
                failure = "the wire between " + nameA + " and " + nameB + " stopped: errno " + e.getErrorCode();
            }
        } finally {
            queue.add(new Frame(END, 0, Long.MAX_VALUE));
        }
    }

    private void write(DelayQueue<Frame> queue, int fd) {
        preciseWakeups();
        try {
            while (true) {
                Frame frame = queue.take(); // once its delay has passed
                if (frame.bytes() == END) {
                    return;
                }
                try {
                    Libc.write(fd, frame.bytes(), frame.bytes().length);
                } catch (LastErrorException e) {
                    // the far device is down (or gone): the frame is lost on the wire, as on a cable unplugged
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A frame's flow: for IPv4, a hash of source and destination address, protocol and (TCP, UDP, unfragmented)
     * ports; every other frame (ARP, IPv6) is flow 0.
     */
    static long flowOf(byte[] frame, int length) {
        int ip = 14;
        if (length < ip + 20 || frame[12] != 0x08 || frame[13] != 0x00) {
            return 0;
        }
        int headerBytes = (frame[ip] & 0x0f) * 4;
        int protocol = frame[ip + 9] & 0xff;
        long flow = protocol;
        for (int i = ip + 12; i < ip + 20; i++) {
            flow = flow * 31 + (frame[i] & 0xff);
        }
        boolean fragment = ((frame[ip + 6] & 0x3f) | frame[ip + 7]) != 0;
        if ((protocol == 6 || protocol == 17) && !fragment && length >= ip + headerBytes + 4) {
            for (int i = ip + headerBytes; i < ip + headerBytes + 4; i++) {
                flow = flow * 31 + (frame[i] & 0xff);
            }
        }
        return flow == 0 ? 1 : flow;
    }

    /** A frame due at dueNanos (System.nanoTime), taken in due order, then in the order read. */
    private record Frame(byte[] bytes, long dueNanos, long sequence) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Frame frame = (Frame) other;
            int byDue = Long.compare(dueNanos, frame.dueNanos);
            return byDue != 0 ? byDue : Long.compare(sequence, frame.sequence);
        }
    }

    /** Stops carrying (frames still on the wire are lost) and removes both devices. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Uninterruptibly: an fd closed under a running reader or writer could be reused by any socket meanwhile.
        boolean interrupted = false;
        for (Thread thread : java.util.stream.Stream.concat(readers.stream(), writers.stream()).toList()) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(fdA);
        closeQuietly(fdB);
    }

    private static void closeQuietly(int fd) {
        try {
            Libc.close(fd);
        } catch (LastErrorException e) {
            // already gone
        }
    }
}
