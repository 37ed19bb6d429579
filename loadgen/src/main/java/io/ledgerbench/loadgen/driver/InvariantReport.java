package io.ledgerbench.loadgen.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * The invariant check after a run (SPEC section 3): balances sum to N x initialBalance, no
 * balance is negative, and the stored transfer records equal the completed outcomes counted.
 * Transfers abandoned at the drain deadline were sent but never answered: each may or may not
 * have committed, so the stored count may exceed the completed count by at most that many.
 */
public record InvariantReport(
        boolean ok,
        long expectedTotalBalance,
        long actualTotalBalance,
        long accounts,
        long negativeBalances,
        long completedTransfers,
        long inDoubtTransfers,
        long storedTransfers,
        List<String> violations) {

    public InvariantReport {
        violations = List.copyOf(violations);
    }

    /** Judges the observed figures against what the workload and the client counts require. */
    public static InvariantReport check(long expectedAccounts, long expectedTotalBalance, long actualAccounts,
                                        long actualTotalBalance, long negativeBalances,
                                        long completedTransfers, long inDoubtTransfers, long storedTransfers) {
        List<String> violations = new ArrayList<>();
        if (actualAccounts != expectedAccounts) {
            violations.add("expected " + expectedAccounts + " accounts, found " + actualAccounts);
        }
        if (actualTotalBalance != expectedTotalBalance) {
            violations.add("sum of balances is " + actualTotalBalance + ", expected " + expectedTotalBalance);
        }
        if (negativeBalances != 0) {
            violations.add(negativeBalances + " accounts have a negative balance");
        }
        if (inDoubtTransfers == 0 && storedTransfers != completedTransfers) {
            violations.add(storedTransfers + " transfer records stored, but clients counted " + completedTransfers
                    + " completed transfers");
        } else if (storedTransfers < completedTransfers || storedTransfers > completedTransfers + inDoubtTransfers) {
            violations.add(storedTransfers + " transfer records stored, but clients counted " + completedTransfers
                    + " completed transfers and " + inDoubtTransfers + " unanswered ones that may have committed");
        }
        return new InvariantReport(violations.isEmpty(), expectedTotalBalance, actualTotalBalance, actualAccounts,
                negativeBalances, completedTransfers, inDoubtTransfers, storedTransfers, violations);
    }
}
