package io.ledgerbench.loadgen.driver.tigerbeetle;

import com.tigerbeetle.CreateTransferResult;
import com.tigerbeetle.TransferBatch;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one batch of transfers to TigerBeetle. It answers only the transfers that did not succeed,
 * by their index in the batch; every other transfer in it was applied.
 */
interface TransferSubmitter {

    CompletableFuture<Map<Integer, CreateTransferResult>> submit(TransferBatch batch);
}
