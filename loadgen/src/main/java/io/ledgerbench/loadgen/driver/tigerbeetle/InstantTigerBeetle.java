package io.ledgerbench.loadgen.driver.tigerbeetle;

import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.driver.TransferDriver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The TigerBeetle driver with no cluster behind it: every request is answered at once, every transfer
 * applied. Everything else is the real path (coalescing into batches of up to 8189, ids, TransferBatch
 * encoding, the hop to the answer thread), so a run against it measures the load generator's own
 * ceiling (make bench-generator).
 */
public final class InstantTigerBeetle {

    private InstantTigerBeetle() {
    }

    public static TransferDriver openDriver(DriverListener listener) {
        ExecutorService answers = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "instant-answers");
            thread.setDaemon(true);
            return thread;
        });
        return new TigerBeetleTransferDriver(batch -> CompletableFuture.completedFuture(Map.of()), listener,
                TransferIds.startingNow(), TigerBeetleLedger.MAX_BATCH_SIZE, 1, Duration.ofDays(1),
                "no cluster (answered at once)", answers, answers::shutdown);
    }
}
