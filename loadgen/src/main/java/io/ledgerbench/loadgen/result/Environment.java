package io.ledgerbench.loadgen.result;

import io.ledgerbench.loadgen.driver.LedgerDatabase;
import io.ledgerbench.loadgen.spec.BenchmarkRunSpec;
import java.util.Map;

/** Where and with what a result was measured: versions, machine, server settings, durability. */
public record Environment(
        String engine,
        String serverVersion,
        String clientVersion,
        String loadgenVersion,
        String jvm,
        String os,
        int clientCpus,
        long clientMemoryBytes,
        String databaseLocation,
        Map<String, String> serverSettings,
        DurabilityAssessment durability) {

    public Environment {
        serverSettings = Map.copyOf(serverSettings);
    }

    /** The environment as this process sees it: its JVM and machine, the database's versions and settings. */
    public static Environment measuredWith(BenchmarkRunSpec spec, LedgerDatabase database, String databaseLocation) {
        Runtime runtime = Runtime.getRuntime();
        return new Environment(spec.database().engine().specValue(), database.serverVersion(), database.clientVersion(),
                "ledgerbench-loadgen " + BuildVersions.loadgen(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                runtime.availableProcessors(), runtime.maxMemory(), databaseLocation, database.serverSettings(),
                DurabilityAssessment.of(spec.database()));
    }
}
