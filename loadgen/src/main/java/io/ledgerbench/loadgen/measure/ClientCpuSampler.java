package io.ledgerbench.loadgen.measure;

import java.lang.management.ManagementFactory;

/**
 * Samples this JVM's CPU use as a fraction of all cores (0..1). A load generator near 100 %
 * measures itself, not the database, so its maximum is reported with every run.
 */
public final class ClientCpuSampler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private double max;

    /** Takes a sample; returns it, or a negative number when the platform cannot tell. */
    public synchronized double sample() {
        double load = os.getProcessCpuLoad();
        if (load >= 0) {
            max = Math.max(max, load);
        }
        return load;
    }

    /** Forgets earlier samples (so warmup does not count). */
    public synchronized void reset() {
        max = 0;
    }

    public synchronized double max() {
        return max;
    }
}
