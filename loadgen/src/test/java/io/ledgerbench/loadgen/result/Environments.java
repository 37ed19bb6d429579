package io.ledgerbench.loadgen.result;

import io.ledgerbench.loadgen.spec.DatabaseSpec;
import java.util.Map;

/** A known environment, for tests that build, store or report results. */
public final class Environments {

    private Environments() {
    }

    public static Environment postgres() {
        return new Environment("postgresql", "PostgreSQL 18", "vertx-pg-client", "loadgen", "jvm", "os", 2, 1L, "here",
                Map.of("synchronous_commit", "on"), DurabilityAssessment.of(DatabaseSpec.defaults()));
    }
}
