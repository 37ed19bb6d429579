package io.ledgerbench.loadgen.comparison;

import io.ledgerbench.loadgen.result.DurabilityAssessment;
import io.ledgerbench.loadgen.spec.DatabaseSpec;
import io.ledgerbench.loadgen.spec.EngineType;
import io.ledgerbench.loadgen.spec.PostgresqlSpec;
import io.ledgerbench.loadgen.spec.SynchronousCommit;

/**
 * What a commit survives in a configuration: how many nodes it runs on and on how many of them a
 * commit is durable when the client hears "committed". Two variants compare like with like only when
 * these are equal (SPEC section 5); the label says it in words.
 */
public record DurabilityLevel(int nodes, int durableCopies, boolean equivalentToTigerBeetle, String label) {

    public static DurabilityLevel of(DatabaseSpec database) {
        DurabilityAssessment assessment = DurabilityAssessment.of(database);
        int nodes = database.replicas();
        return new DurabilityLevel(nodes, durableCopies(database), assessment.equivalentToTigerBeetle(),
                assessment.description());
    }

    /** Whether a commit is as safe here as there: same node count, same durable copies per commit. */
    public boolean sameAs(DurabilityLevel other) {
        return nodes == other.nodes && durableCopies == other.durableCopies;
    }

    /** E.g. "3 nodes, 2 durable copies per commit". */
    public String shortLabel() {
        return nodes + (nodes == 1 ? " node, " : " nodes, ") + durableCopies
                + (durableCopies == 1 ? " durable copy" : " durable copies") + " per commit";
    }

    private static int durableCopies(DatabaseSpec database) {
        if (database.engine() == EngineType.TIGERBEETLE) {
            // TigerBeetle's replication quorum: 1 of 1, 2 of 3, 3 of 6.
            return switch (database.replicas()) {
                case 1 -> 1;
                case 3 -> 2;
                default -> 3;
            };
        }
        PostgresqlSpec postgresql = database.postgresql();
        SynchronousCommit commit = postgresql.synchronousCommit();
        if (commit == SynchronousCommit.OFF) {
            return 0; // acknowledged before even the local flush
        }
        boolean waitsForStandbys = commit == SynchronousCommit.ON || commit == SynchronousCommit.REMOTE_APPLY;
        if (database.replicas() < 2 || !waitsForStandbys) {
            return 1;
        }
        return 1 + Math.min(postgresql.synchronousStandbys(), database.replicas() - 1);
    }
}
