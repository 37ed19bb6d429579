package com.tigerbeetle;

import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the client library's own result batches as TigerBeetle would answer, for unit tests
 * without a server (their setters are package-private, hence this package).
 */
public final class ResultBatches {

    private ResultBatches() {
    }

    public static CreateTransferResultBatch createTransferResults(Map<Integer, CreateTransferResult> byIndex) {
        CreateTransferResultBatch batch = new CreateTransferResultBatch(Math.max(1, byIndex.size()));
        new TreeMap<>(byIndex).forEach((index, result) -> {
            batch.add();
            batch.setIndex(index);
            batch.setResult(result);
        });
        batch.beforeFirst();
        return batch;
    }
}
