package io.ledgerbench.loadgen.result;

import io.ledgerbench.loadgen.spec.DatabaseSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.PostgresqlSpec;
import io.ledgerbench.loadgen.spec.SynchronousCommit;

/**
 * Whether a configuration is as durable as TigerBeetle with 3 replicas, where a commit is
 * acknowledged once 2 of 3 replicas hold it durably (SPEC section 5), and if not, why.
 */
public record DurabilityAssessment(boolean equivalentToTigerBeetle, String description) {

    public static DurabilityAssessment of(DatabaseSpec database) {
        if (database.engine() == EngineType.TIGERBEETLE) {
            return database.replicas() >= 3
                    ? new DurabilityAssessment(true, database.replicas() + " replicas, quorum commit")
                    : new DurabilityAssessment(false, "single replica: no copy survives the loss of its node");
        }
        PostgresqlSpec postgresql = database.postgresql();
        SynchronousCommit commit = postgresql.synchronousCommit();
        if (database.replicas() < 3) {
            return new DurabilityAssessment(false, "not equivalent: " + database.replicas()
                    + " node(s); TigerBeetle's reference is 3 nodes with 2 durable copies per commit");
        }
        if (postgresql.synchronousStandbys() < 1) {
            return new DurabilityAssessment(false, "not equivalent: no synchronous standby, a commit is on 1 node only");
        }
        if (commit != SynchronousCommit.ON && commit != SynchronousCommit.REMOTE_APPLY) {
            return new DurabilityAssessment(false, "not equivalent: synchronous_commit=" + commit.specValue()
                    + " acknowledges before " + (postgresql.synchronousStandbys() + 1) + " copies are durable");
        }
        int copies = postgresql.synchronousStandbys() + 1;
        return new DurabilityAssessment(true, "equivalent to TigerBeetle: " + copies + " of " + database.replicas()
                + " copies durable per commit (ANY " + postgresql.synchronousStandbys() + ", synchronous_commit="
                + commit.specValue() + ")" + (copies > 2 ? ", stricter than TigerBeetle's 2 of 3" : ""));
    }
}
