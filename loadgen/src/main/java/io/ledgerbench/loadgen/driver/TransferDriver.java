package io.ledgerbench.loadgen.driver;

import io.ledgerbench.loadgen.workload.Transfer;
import java.util.concurrent.CompletableFuture;

/** Executes transfers against one engine in one interaction mode; thread-safe, asynchronous. */
public interface TransferDriver extends AutoCloseable {

    /** Starts the transfer; the future completes with its outcome, never exceptionally. */
    CompletableFuture<TransferResult> execute(Transfer transfer);

    /** Releases connections. */
    @Override
    void close();
}
