package io.ledgerbench.loadgen.network;

/** Packets a link carried and lost (by its loss), both directions together, since it was built. */
public record PacketCounts(long carried, long lost) {

    public static final PacketCounts NONE = new PacketCounts(0, 0);

    /** Both counts together (two ends of a link). */
    public PacketCounts plus(PacketCounts other) {
        return new PacketCounts(carried + other.carried, lost + other.lost);
    }

    /** What was carried and lost between earlier and this count. */
    public PacketCounts since(PacketCounts earlier) {
        return new PacketCounts(carried - earlier.carried, lost - earlier.lost);
    }
}
