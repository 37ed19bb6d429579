package io.ledgerbench.loadgen.cluster;

import io.ledgerbench.loadgen.driver.InvariantReport;
import io.ledgerbench.loadgen.result.Environment;

/**
 * What the verify pod stores for one run: the invariant check, and the environment it saw
 * (server version and settings as the database reports them, client and JVM of the load generator).
 */
public record RunVerification(InvariantReport invariants, Environment environment) {
}
