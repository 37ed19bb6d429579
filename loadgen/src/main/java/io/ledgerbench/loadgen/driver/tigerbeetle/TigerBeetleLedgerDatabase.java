package io.ledgerbench.loadgen.driver.tigerbeetle;

import com.tigerbeetle.AccountBatch;
import com.tigerbeetle.AccountFlags;
import com.tigerbeetle.Client;
import com.tigerbeetle.CreateAccountResultBatch;
import com.tigerbeetle.CreateTransferResult;
import com.tigerbeetle.CreateTransferResultBatch;
import com.tigerbeetle.IdBatch;
import com.tigerbeetle.QueryFilter;
import com.tigerbeetle.TransferBatch;
import com.tigerbeetle.UInt128;
import io.ledgerbench.loadgen.driver.DatabaseUnavailableException;
import io.ledgerbench.loadgen.driver.DriverListener;
import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.result.BuildVersions;
import io.ledgerbench.loadgen.spec.WorkloadSpec;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark's ledger in TigerBeetle (SPEC sections 3 and 4): accounts 1..N on one ledger with
 * debits_must_not_exceed_credits, funded from a reserved account in full-size batches; transfers
 * through the coalescing driver; invariants from lookups (balances) and a query (user transfers).
 * Each run needs a freshly formatted cluster, which whoever runs the servers provides. Every request
 * is bounded by the request timeout: the client library itself would wait for an answer forever.
 */
public final class TigerBeetleLedgerDatabase implements LedgerDatabase {

    private final TigerBeetleEndpoint endpoint;
    private final String serverVersion;
    /**
     * The bound on the reset's requests: a freshly started cluster answers its first request only after its
     * replicas have found each other (2-46 s seen with 3 local replicas of 0.16.30 on 2 cores; the replicas
     * log refused connections to each other meanwhile). Generous: it bounds a start-up, not a measurement.
     */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private final Duration requestTimeout;
    private final Client client;

    /**
     * serverVersion: what the servers say they are (the local binary's `version`), or the pinned release;
     * requestTimeout: how long any one request may go unanswered before the cluster counts as unavailable.
     */
    public TigerBeetleLedgerDatabase(TigerBeetleEndpoint endpoint, String serverVersion, Duration requestTimeout) {
        this.endpoint = endpoint;
        this.serverVersion = serverVersion;
        this.requestTimeout = requestTimeout;
        try {
            this.client = new Client(UInt128.asBytes(endpoint.clusterId()), endpoint.addresses().toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot start a TigerBeetle client for " + endpoint.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String serverVersion() {
        return serverVersion;
    }

    @Override
    public String clientVersion() {
        return "tigerbeetle-java " + BuildVersions.tigerbeetle();
    }

    @Override
    public Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cluster_id", Long.toString(endpoint.clusterId()));
        settings.put("replica_count", Integer.toString(endpoint.addresses().size()));
        settings.put("addresses", String.join(",", endpoint.addresses()));
        return settings;
    }

    @Override
    public void reset(WorkloadSpec workload) {
        long accounts = workload.accounts();
        createAccount(TigerBeetleLedger.FUNDING_ACCOUNT_ID, AccountFlags.NONE);
        for (long first = 1; first <= accounts; first += TigerBeetleLedger.MAX_BATCH_SIZE) {
            int size = (int) Math.min(TigerBeetleLedger.MAX_BATCH_SIZE, accounts - first + 1);
            AccountBatch batch = new AccountBatch(size);
            for (long id = first; id < first + size; id++) {
                addAccount(batch, id, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS);
            }
            requireCreated(bounded(client.createAccountsAsync(batch), "creating accounts", startupTimeout()), first);
        }
        TransferIds ids = TransferIds.startingNow();
        for (long first = 1; first <= accounts; first += TigerBeetleLedger.MAX_BATCH_SIZE) {
            int size = (int) Math.min(TigerBeetleLedger.MAX_BATCH_SIZE, accounts - first + 1);
            TransferBatch funding = new TransferBatch(size);
            for (long id = first; id < first + size; id++) {
                funding.add();
                funding.setId(ids.nextLow(), ids.high());
                funding.setDebitAccountId(TigerBeetleLedger.FUNDING_ACCOUNT_ID);
                funding.setCreditAccountId(id);
                funding.setAmount(workload.initialBalance());
                funding.setLedger(TigerBeetleLedger.LEDGER);
                funding.setCode(TigerBeetleLedger.FUNDING_TRANSFER_CODE);
            }
            CreateTransferResultBatch failed = bounded(client.createTransfersAsync(funding), "funding accounts",
                    startupTimeout());
            if (failed.next()) {
                throw new DatabaseUnavailableException("cannot fund account " + (first + failed.getIndex()) + ": "
                        + TigerBeetleOutcomes.codeName(failed.getResult()), null);
            }
        }
    }

    private void createAccount(long id, int flags) {
        AccountBatch batch = new AccountBatch(1);
        addAccount(batch, id, flags);
        requireCreated(bounded(client.createAccountsAsync(batch), "creating the funding account", startupTimeout()), id);
    }

    private static void addAccount(AccountBatch batch, long id, int flags) {
        batch.add();
        batch.setId(id);
        batch.setLedger(TigerBeetleLedger.LEDGER);
        batch.setCode(TigerBeetleLedger.ACCOUNT_CODE);
        batch.setFlags(flags);
    }

    private static void requireCreated(CreateAccountResultBatch failed, long firstId) {
        if (failed.next()) {
            String code = failed.getResult().name();
            throw new DatabaseUnavailableException("cannot create account " + (firstId + failed.getIndex()) + ": " + code
                    + ("Exists".equals(code) ? " (every run needs a freshly formatted TigerBeetle cluster)" : ""), null);
        }
    }

    private Duration startupTimeout() {
        return requestTimeout.compareTo(STARTUP_TIMEOUT) > 0 ? requestTimeout : STARTUP_TIMEOUT;
    }

    /** The answer to a request, or DatabaseUnavailableException once it has waited the bound. */
    private <T> T bounded(CompletableFuture<T> request, String what, Duration bound) {
        try {
            return request.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new DatabaseUnavailableException(endpoint.describe() + " did not answer within "
                    + bound.toSeconds() + " s while " + what + (bound.equals(requestTimeout)
                    ? " (spec.database.tigerbeetle.requestTimeout)" : " (a fresh cluster's start-up bound)")
                    + ": it has lost its quorum or is unreachable", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DatabaseUnavailableException(endpoint.describe() + " failed while " + what + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted while " + what, e);
        }
    }

    @Override
    public TransferDriver openDriver(DriverListener driverListener) {
        TransferSubmitter submitter = batch -> client.createTransfersAsync(batch)
                .thenApply(TigerBeetleLedgerDatabase::failuresByIndex);
        ExecutorService answers = Executors.newSingleThreadExecutor(daemon("tigerbeetle-answers"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("tigerbeetle-timeouts"));
        // One request in flight per client: TigerBeetle serves a client's requests one after another anyway.
        TigerBeetleTransferDriver driver = new TigerBeetleTransferDriver(submitter, driverListener,
                TransferIds.startingNow(), TigerBeetleLedger.MAX_BATCH_SIZE, 1, requestTimeout, endpoint.describe(),
                answers, () -> {
                    watchdog.shutdownNow();
                    answers.shutdown();
                });
        watchdog.scheduleWithFixedDelay(() -> driver.checkRequestTimeouts(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
        return driver;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** TigerBeetle's answer to a batch (only the transfers that did not succeed) by index in the batch. */
    static Map<Integer, CreateTransferResult> failuresByIndex(CreateTransferResultBatch failed) {
        Map<Integer, CreateTransferResult> byIndex = new HashMap<>();
        failed.beforeFirst();
        while (failed.next()) {
            byIndex.put(failed.getIndex(), failed.getResult());
        }
        return byIndex;
    }

    @Override
    public InvariantReport verify(WorkloadSpec workload, long completedTransfers, long inDoubtTransfers) {
        long accounts = workload.accounts();
        long found = 0;
        long negative = 0;
        BigInteger total = BigInteger.ZERO;
        for (long first = 1; first <= accounts; first += TigerBeetleLedger.MAX_BATCH_SIZE) {
            int size = (int) Math.min(TigerBeetleLedger.MAX_BATCH_SIZE, accounts - first + 1);
            IdBatch ids = new IdBatch(size);
            for (long id = first; id < first + size; id++) {
                ids.add(id);
            }
            AccountBatch looked = bounded(client.lookupAccountsAsync(ids), "looking up balances", requestTimeout);
            while (looked.next()) {
                found++;
                BigInteger balance = looked.getCreditsPosted().subtract(looked.getDebitsPosted());
                total = total.add(balance);
                if (balance.signum() < 0) {
                    negative++;
                }
            }
        }
        return InvariantReport.check(accounts, accounts * workload.initialBalance(), found, total.longValueExact(),
                negative, completedTransfers, inDoubtTransfers, userTransfers());
    }

    /** Posted transfers with the workload's code, counted page by page in timestamp order. */
    private long userTransfers() {
        long count = 0;
        long after = 0;
        while (true) {
            QueryFilter filter = new QueryFilter();
            filter.setLedger(TigerBeetleLedger.LEDGER);
            filter.setCode(TigerBeetleLedger.USER_TRANSFER_CODE);
            filter.setTimestampMin(after + 1);
            filter.setLimit(TigerBeetleLedger.MAX_BATCH_SIZE);
            TransferBatch page = bounded(client.queryTransfersAsync(filter), "counting stored transfers", requestTimeout);
            if (page.getLength() == 0) {
                return count;
            }
            count += page.getLength();
            page.setPosition(page.getLength() - 1);
            after = page.getTimestamp();
        }
    }

    @Override
    public java.util.Optional<java.net.InetSocketAddress> serverAddress() {
        String first = endpoint.addresses().getFirst();
        int colon = first.lastIndexOf(':');
        return java.util.Optional.of(java.net.InetSocketAddress.createUnresolved(first.substring(0, colon),
                Integer.parseInt(first.substring(colon + 1))));
    }

    @Override
    public void close() {
        client.close();
    }
}
