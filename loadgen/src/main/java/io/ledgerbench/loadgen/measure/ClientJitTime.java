package io.ledgerbench.loadgen.measure;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How long this JVM's JIT compilers have worked since the measurement started. A load generator
 * still compiling its own code while it measures has not finished warming up: the compilers take
 * CPU (on a shared or small machine, from the database too) and the code runs slower until they are
 * done, so that part of its warmup lands in the results.
 */
public final class ClientJitTime {

    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    private long millisAtMeasurementStart = -1;

    /** Notes the compilers' total so far as the measurement's starting point. */
    public synchronized void measurementStarted() {
        millisAtMeasurementStart = totalMillis();
    }

    /**
     * Seconds of JIT compilation since {@link #measurementStarted()} (summed over compiler threads),
     * or 0 when the measurement has not started or the JVM does not tell.
     */
    public synchronized double secondsSinceMeasurementStart() {
        return millisAtMeasurementStart < 0 ? 0 : (totalMillis() - millisAtMeasurementStart) / 1000.0;
    }

    private long totalMillis() {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : 0;
    }
}
