package io.ledgerbench.loadgen.driver.postgres;

import io.ledgerbench.loadgen.driver.TransferResult;
import io.ledgerbench.loadgen.workload.Transfer;
import io.vertx.core.Future;

/**
 * One attempt at one transfer in one interaction mode: a whole transaction that commits
 * (completed), rolls back on an insufficient balance (rejected) or fails with the server's error.
 */
@FunctionalInterface
interface TransferAttempt {

    Future<TransferResult> attempt(Transfer transfer);
}
