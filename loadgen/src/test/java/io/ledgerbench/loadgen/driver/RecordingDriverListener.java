package io.ledgerbench.loadgen.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Remembers every retry, batch and give-up a driver reports, for tests to inspect. */
public final class RecordingDriverListener implements DriverListener {

    private final Map<String, Long> retries = new TreeMap<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    private final List<String> gaveUpReasons = new ArrayList<>();

    @Override
    public synchronized void retried(String reason) {
        retries.merge(reason, 1L, Long::sum);
    }

    @Override
    public synchronized void batchSent(int transfers) {
        batchSizes.add(transfers);
    }

    @Override
    public synchronized void gaveUp(String reason) {
        gaveUpReasons.add(reason);
    }

    /** Every reason the driver gave up for (at most one, if it behaves). */
    public synchronized List<String> gaveUpReasons() {
        return List.copyOf(gaveUpReasons);
    }

    public synchronized Map<String, Long> retries() {
        return new TreeMap<>(retries);
    }

    public synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }
}
