package io.ledgerbench.loadgen.spec;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * How much memory a TigerBeetle replica gets and how much of it is grid cache. TigerBeetle's own help
 * (0.16.30, `--cache-grid`): the grid cache "should be set as large as possible", about total RAM
 * minus 3 GiB for TigerBeetle itself minus 1 GiB for the system. A pod with a memory limit gets
 * exactly that, so it is not OOM-killed; one without keeps TigerBeetle's default of 1 GiB.
 */
public final class TigerBeetleMemory {

    public static final long MIB = 1024L * 1024;
    public static final long GIB = 1024 * MIB;
    /** TigerBeetle's own memory besides the grid cache, and the headroom its help leaves the system. */
    public static final long OWN_AND_HEADROOM_BYTES = 3 * GIB + GIB;
    /** The smallest grid cache the operator configures. */
    public static final long MIN_CACHE_GRID_BYTES = 256 * MIB;
    /** TigerBeetle's default grid cache, kept when the pod has no memory size. */
    public static final String DEFAULT_CACHE_GRID = "1GiB";

    private TigerBeetleMemory() {
    }

    /** The pod's memory: its limit, else its request, else empty (a bad quantity throws IllegalArgumentException). */
    public static Optional<Long> podMemoryBytes(ResourcesSpec resources) {
        String memory = Optional.ofNullable(resources.limits().get("memory")).orElse(resources.requests().get("memory"));
        if (memory == null) {
            return Optional.empty();
        }
        BigDecimal bytes = Quantity.getAmountInBytes(new Quantity(memory));
        return Optional.of(bytes.longValue());
    }

    /** The `--cache-grid` value for a replica in a pod of this size, in MiB (TigerBeetle rounds it down to whole blocks). */
    public static String cacheGrid(ResourcesSpec resources) {
        return podMemoryBytes(resources)
                .map(bytes -> Math.max(MIN_CACHE_GRID_BYTES, bytes - OWN_AND_HEADROOM_BYTES) / MIB + "MiB")
                .orElse(DEFAULT_CACHE_GRID);
    }

    /** The least pod memory the operator accepts for a replica. */
    public static long minPodMemoryBytes() {
        return OWN_AND_HEADROOM_BYTES + MIN_CACHE_GRID_BYTES;
    }
}
