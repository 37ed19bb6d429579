package io.ledgerbench.loadgen.fault;

import io.ledgerbench.loadgen.spec.DatabaseSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.PostgresqlSpec;
import java.util.Set;

/**
 * What the database should do while a node is down, from its replication alone: TigerBeetle keeps
 * committing while a quorum of replicas (and of a view change, should the primary be the one lost)
 * remains; PostgreSQL keeps committing while its primary is up and enough standbys remain for
 * synchronous_standby_names. This project has no automatic PostgreSQL failover: a lost primary stops
 * every commit until it is back, and the expectation says so rather than pretend otherwise.
 */
public record FaultExpectation(boolean keepsCommitting, String explanation) {

    /** The expectation with node down besides the nodes already down. */
    public static FaultExpectation of(DatabaseSpec database, String node, Set<String> alreadyDown) {
        int replicas = database.replicas();
        long down = alreadyDown.contains(node) ? alreadyDown.size() : alreadyDown.size() + 1;
        long up = replicas - down;
        if (database.engine() == EngineType.TIGERBEETLE) {
            int replication = replicationQuorum(replicas);
            int viewChange = replicas - replication + 1;
            int needed = Math.max(replication, viewChange);
            return up >= needed
                    ? new FaultExpectation(true, "keeps committing: " + up + " of " + replicas + " replicas remain, a"
                    + " quorum for replication (" + replication + ") and for a view change (" + viewChange
                    + ") should the primary be the one lost")
                    : new FaultExpectation(false, "stops committing: " + up + " of " + replicas + " replicas remain,"
                    + " fewer than the " + needed + " a quorum needs");
        }
        boolean primaryDown = node.equals("primary") || alreadyDown.contains("primary");
        if (primaryDown) {
            return new FaultExpectation(false, "stops committing: the primary is down and this project has no"
                    + " automatic failover (no standby is promoted), so nothing commits until the primary is back");
        }
        PostgresqlSpec postgresql = database.postgresql();
        int synchronous = postgresql.synchronousStandbys();
        long standbysUp = up - 1;
        if (synchronous == 0) {
            return new FaultExpectation(true, "keeps committing: no standby is synchronous, the primary commits alone");
        }
        return standbysUp >= synchronous
                ? new FaultExpectation(true, "keeps committing: " + standbysUp + " standby(s) remain for ANY "
                + synchronous + " in synchronous_standby_names")
                : new FaultExpectation(false, "stops committing: " + standbysUp + " standby(s) remain and"
                + " synchronous_standby_names needs ANY " + synchronous + ", so commits wait for a standby to return");
    }

    /** TigerBeetle's replication quorum: 1 of 1, 2 of 3, 3 of 6. */
    static int replicationQuorum(int replicas) {
        return replicas <= 2 ? replicas : replicas <= 5 ? 2 : 3;
    }
}
