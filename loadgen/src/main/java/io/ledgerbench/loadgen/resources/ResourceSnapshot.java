package io.ledgerbench.loadgen.resources;

import java.util.List;
import java.util.Map;

/**
 * The counters at one instant: each database node's processes (absent where they could not be read),
 * the load generator's own process, PostgreSQL's statistics (null where not read), why anything is
 * missing, whether every node's processes were read, and whether their peak memory was reset just
 * before (a window's start).
 */
public record ResourceSnapshot(Map<String, ProcessCounters> nodes, ProcessCounters loadgen, PostgresCounters postgres,
                               List<String> notRead, boolean everyNodeRead, boolean peaksReset) {

    public ResourceSnapshot {
        nodes = Map.copyOf(nodes);
        notRead = List.copyOf(notRead);
    }
}
