package io.ledgerbench.loadgen.driver;

import io.ledgerbench.loadgen.spec.WorkloadSpec;
import java.util.Map;

/** One engine's database as the benchmark sees it: reset it, drive transfers into it, check it. */
public interface LedgerDatabase extends AutoCloseable {

    /** Engine name and server version, e.g. "PostgreSQL 18.1 on x86_64-pc-linux-gnu". */
    String serverVersion();

    /** The client library and its version, e.g. "vertx-pg-client 4.5.26". */
    String clientVersion();

    /** Server settings that matter for the comparison (durability, isolation, tuning), as the server reports them. */
    Map<String, String> serverSettings();

    /** Drops everything and loads accounts 1..N with the initial balance, ready for a run. */
    void reset(WorkloadSpec workload);

    /** A driver for transfers; its retries and batches are reported to driverListener. */
    TransferDriver openDriver(DriverListener driverListener);

    /**
     * Checks the SPEC invariants given the completed outcomes the clients counted and the transfers
     * they sent but gave up waiting for (in doubt: each may have committed). Sessions still running
     * abandoned transfers are ended first, so the count it checks is final.
     */
    InvariantReport verify(WorkloadSpec workload, long completedTransfers, long inDoubtTransfers);

    /** Where the load generator connects to the database (its first server), for a round trip measured to it. */
    default java.util.Optional<java.net.InetSocketAddress> serverAddress() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
