package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.TransferDriver;
import io.ledgerbench.loadgen.driver.TransferOutcome;
import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.TransferGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** Drives a fixed number of transfers through a driver from concurrent logical clients and counts the outcomes. */
final class ClosedLoopTransfers {

    /** What the clients saw. */
    record Outcomes(long completed, long rejected, long failed, Map<String, Long> failuresByReason) {
    }

    private ClosedLoopTransfers() {
    }

    /** Each generator is one client sending transfersPerClient transfers, each after the previous answer. */
    static Outcomes run(TransferDriver driver, List<TransferGenerator> clients, int transfersPerClient) {
        List<CompletableFuture<List<TransferResult>>> chains = new ArrayList<>();
        for (TransferGenerator client : clients) {
            CompletableFuture<List<TransferResult>> chain = CompletableFuture.completedFuture(new ArrayList<>());
            for (int i = 0; i < transfersPerClient; i++) {
                chain = chain.thenCompose(results -> driver.execute(client.next()).thenApply(result -> {
                    results.add(result);
                    return results;
                }));
            }
            chains.add(chain);
        }
        long completed = 0;
        long rejected = 0;
        long failed = 0;
        Map<String, Long> failures = new TreeMap<>();
        for (CompletableFuture<List<TransferResult>> chain : chains) {
            for (TransferResult result : chain.join()) {
                if (result.outcome() == TransferOutcome.COMPLETED) {
                    completed++;
                } else if (result.outcome() == TransferOutcome.REJECTED) {
                    rejected++;
                } else {
                    failed++;
                    failures.merge(result.failureReason(), 1L, Long::sum);
                }
            }
        }
        return new Outcomes(completed, rejected, failed, failures);
    }
}
