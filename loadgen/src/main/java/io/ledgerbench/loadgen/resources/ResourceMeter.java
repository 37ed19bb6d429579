package io.ledgerbench.loadgen.resources;

import io.ledgerbench.loadgen.driver.postgres.PostgresEndpoint;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reads what the database's processes and PostgreSQL itself have counted, at the start and the end of
 * a measurement window: the local runner's servers are processes of this machine, so their /proc is
 * ours to read. A server elsewhere (--postgres-url) has only its statistics.
 */
public final class ResourceMeter {

    private static final String STATISTICS = "PostgreSQL statistics: ";

    private final Map<String, LongSupplier> nodePids;
    private final Optional<PostgresEndpoint> postgres;
    private final ProcessTree processes;
    private final String whyNoProcesses;

    /**
     * @param nodePids       node name -> the pid of its server process (the root of its process tree)
     * @param postgres       where to read PostgreSQL's statistics, when the engine is PostgreSQL
     * @param whyNoProcesses why there are no processes to read, when nodePids is empty
     */
    public ResourceMeter(Map<String, LongSupplier> nodePids, Optional<PostgresEndpoint> postgres, ProcessTree processes,
                         String whyNoProcesses) {
        this.nodePids = new LinkedHashMap<>(nodePids);
        this.postgres = postgres;
        this.processes = processes;
        this.whyNoProcesses = whyNoProcesses;
    }

    /** The snapshot with PostgreSQL's statistics read again now (the processes' counters as they were). */
    public ResourceSnapshot withFreshStatistics(ResourceSnapshot snapshot) {
        if (postgres.isEmpty()) {
            return snapshot;
        }
        List<String> notRead = new ArrayList<>(snapshot.notRead().stream()
                .filter(reason -> !reason.startsWith(STATISTICS)).toList());
        PostgresCounters statistics = null;
        try {
            statistics = PostgresCounters.read(postgres.get());
        } catch (SQLException e) {
            notRead.add(STATISTICS + e.getMessage());
        }
        return new ResourceSnapshot(snapshot.nodes(), snapshot.loadgen(), statistics, notRead, snapshot.everyNodeRead(),
                snapshot.peaksReset());
    }

    /**
     * The snapshot a measurement window starts with: each server's peak memory is reset first, so
     * the end snapshot's peak is the window's (where a reset failed, notRead says so).
     */
    public ResourceSnapshot windowStart() {
        List<String> notReset = new ArrayList<>();
        nodePids.forEach((node, pid) -> {
            if (!processes.resetPeakMemory(pid.getAsLong())) {
                notReset.add(node + ": peak memory could not be reset (clear_refs); its peak is since it started");
            }
        });
        ResourceSnapshot snapshot = snapshot();
        List<String> notRead = new ArrayList<>(snapshot.notRead());
        notRead.addAll(notReset);
        return new ResourceSnapshot(snapshot.nodes(), snapshot.loadgen(), snapshot.postgres(), notRead,
                snapshot.everyNodeRead(), !nodePids.isEmpty() && notReset.isEmpty());
    }

    public ResourceSnapshot snapshot() {
        List<String> notRead = new ArrayList<>();
        Map<String, ProcessCounters> nodes = new LinkedHashMap<>();
        if (nodePids.isEmpty()) {
            notRead.add("database processes: " + whyNoProcesses);
        }
        nodePids.forEach((node, pid) -> {
            Optional<ProcessCounters> counters = processes.counters(pid.getAsLong());
            counters.ifPresentOrElse(found -> nodes.put(node, found),
                    () -> notRead.add(node + ": process " + pid.getAsLong() + " not readable in /proc"));
        });
        ProcessCounters loadgen = processes.read(ProcessHandle.current().pid()).orElse(null);
        PostgresCounters statistics = null;
        if (postgres.isPresent()) {
            try {
                statistics = PostgresCounters.read(postgres.get());
            } catch (SQLException e) {
                notRead.add(STATISTICS + e.getMessage());
            }
        }
        return new ResourceSnapshot(nodes, loadgen, statistics, notRead,
                !nodePids.isEmpty() && nodes.size() == nodePids.size(), false);
    }
}
