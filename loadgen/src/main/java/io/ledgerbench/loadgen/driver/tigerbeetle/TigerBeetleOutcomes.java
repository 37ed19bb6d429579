package io.ledgerbench.loadgen.driver.tigerbeetle;

import com.tigerbeetle.CreateTransferResult;
import io.ledgerbench.loadgen.driver.TransferResult;
import java.util.Locale;

/** What TigerBeetle's answer to one transfer means for the benchmark (SPEC section 3). */
final class TigerBeetleOutcomes {

    private TigerBeetleOutcomes() {
    }

    static TransferResult of(CreateTransferResult result) {
        return switch (result) {
            // Exists: the same transfer (same id, same fields) was applied by an earlier send of this batch.
            case Ok, Exists -> TransferResult.COMPLETED;
            case ExceedsCredits -> TransferResult.REJECTED;
            default -> TransferResult.failed(codeName(result));
        };
    }

    /** The result's name as results and metrics spell reasons: ExistsWithDifferentAmount -> exists_with_different_amount. */
    static String codeName(CreateTransferResult result) {
        return result.name().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
