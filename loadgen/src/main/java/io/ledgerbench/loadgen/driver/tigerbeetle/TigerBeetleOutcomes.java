package io.ledgerbench.loadgen.driver.tigerbeetle;

import com.tigerbeetle.CreateTransferResult;
import io.ledgerbench.loadgen.driver.TransferResult;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** What TigerBeetle's answer to one transfer means for the benchmark (SPEC section 3). */
final class TigerBeetleOutcomes {

    /** Every answer's meaning, worked out once: answers are mapped on the transfer's path. */
    private static final Map<CreateTransferResult, TransferResult> OUTCOMES = new EnumMap<>(CreateTransferResult.class);

    static {
        for (CreateTransferResult result : CreateTransferResult.values()) {
            OUTCOMES.put(result, switch (result) {
                // Exists: the same transfer (same id, same fields) was applied by an earlier send of this batch.
                case Ok, Exists -> TransferResult.COMPLETED;
                case ExceedsCredits -> TransferResult.REJECTED;
                default -> TransferResult.failed(snakeCase(result.name()));
            });
        }
    }

    private TigerBeetleOutcomes() {
    }

    static TransferResult of(CreateTransferResult result) {
        return OUTCOMES.get(result);
    }

    /** The result's name as results and metrics spell reasons: ExistsWithDifferentAmount -> exists_with_different_amount. */
    static String codeName(CreateTransferResult result) {
        return snakeCase(result.name());
    }

    static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
