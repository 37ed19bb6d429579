package io.ledgerbench.loadgen.resources;

import java.util.List;
import java.util.Map;

/**
 * The counters at one instant: each database node's processes (absent where they could not be read),
 * the load generator's own process, PostgreSQL's statistics (null where not read), and why anything
 * is missing.
 */
public record ResourceSnapshot(Map<String, ProcessCounters> nodes, ProcessCounters loadgen, PostgresCounters postgres,
                               List<String> notRead) {

    public ResourceSnapshot {
        nodes = Map.copyOf(nodes);
        notRead = List.copyOf(notRead);
    }
}
