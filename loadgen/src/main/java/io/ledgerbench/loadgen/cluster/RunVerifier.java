package io.ledgerbench.loadgen.cluster;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.result.Environment;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The verify pod's job for one run: merge every pod's counts, check the invariants against them,
 * and store the check with the environment. A run with a pod's result missing is not checked at
 * all: its counts would be short, and the check would blame the database for the missing pod.
 */
public final class RunVerifier {

    private final ClusterExchange exchange;

    public RunVerifier(ClusterExchange exchange) {
        this.exchange = exchange;
    }

    public RunVerification verify(BenchmarkRunSpec spec, int run, LedgerDatabase database, String databaseLocation) {
        int pods = spec.loadgen().parallelism();
        List<PodResult> results = exchange.podResults(run);
        Set<Integer> stored = results.stream().map(PodResult::podIndex).collect(Collectors.toSet());
        List<Integer> missing = IntStream.range(0, pods).filter(index -> !stored.contains(index)).boxed().toList();
        if (!missing.isEmpty()) {
            throw new ClusterRunException("run " + run + ": no result stored by load-generator pod(s) " + missing
                    + " of " + pods + "; the invariants cannot be checked without every pod's counts");
        }
        // Every transfer of every pod: of the run, or in saturation mode of its probe and every step.
        InvariantReport invariants = database.verify(spec.workload(),
                results.stream().mapToLong(PodResult::completedInAllPhases).sum(),
                results.stream().mapToLong(PodResult::inDoubtInAllPhases).sum());
        RunVerification verification = new RunVerification(invariants,
                Environment.measuredWith(spec, database, databaseLocation));
        exchange.reportVerification(run, verification);
        return verification;
    }
}
